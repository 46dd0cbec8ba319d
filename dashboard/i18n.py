"""Interface text in Indonesian (the default) and English. Pure."""

from __future__ import annotations

from collections.abc import Callable

LANGS = ("id", "en")

TEXT: dict[str, tuple[str, str]] = {
    "app": ("Pantau — Pemantauan Medsos Pilkada", "Pantau — Election Social-Media Monitoring"),
    "feed": ("Umpan peringatan", "Alert feed"),
    "login": ("Masuk", "Log in"),
    "logout": ("Keluar", "Log out"),
    "username": ("Nama pengguna", "User name"),
    "password": ("Kata sandi", "Password"),
    "bad_login": ("Nama pengguna atau kata sandi salah.", "Wrong user name or password."),
    "type": ("Jenis", "Type"),
    "severity": ("Tingkat", "Severity"),
    "region": ("Wilayah", "Region"),
    "opd": ("OPD", "Agency (OPD)"),
    "candidate": ("Paslon", "Candidate pair"),
    "status": ("Status tinjauan", "Triage status"),
    "all": ("Semua", "All"),
    "live": ("Langsung", "Live"),
    "reconnecting": ("Menyambung ulang…", "Reconnecting…"),
    "per_hour": ("Peringatan per jam (24 jam terakhir)", "Alerts per hour (last 24 h)"),
    "time": ("Waktu", "Time"),
    "account": ("Akun", "Account"),
    "excerpt": ("Kutipan", "Excerpt"),
    "open": ("Buka", "Open"),
    "explanation": ("Penjelasan", "Explanation"),
    "score": ("Skor", "Score"),
    "threshold": ("Ambang", "Threshold"),
    "margin": ("Selisih", "Margin"),
    "candidate_span": ("Bagian teks yang menyebut paslon", "Text naming the candidate pair"),
    "roster": ("Data ASN", "Civil-servant roster entry"),
    "link": ("Tautan", "Link"),
    "history": ("Riwayat orang ini", "This person's history"),
    "decisions": ("Keputusan petugas", "Staff decisions"),
    "confirm": ("Konfirmasi", "Confirm"),
    "dismiss": ("Tolak", "Dismiss"),
    "assign": ("Tugaskan", "Assign"),
    "escalate": ("Teruskan ke Bawaslu", "Escalate to Bawaslu"),
    "reason": ("Alasan", "Reason"),
    "assignee": ("Petugas", "Assignee"),
    "read_only": ("Akses baca saja: tindakan tinjauan tidak tersedia.", "Read-only access: triage is not available."),
    "person": ("Riwayat ASN", "Civil-servant history"),
    "alerts": ("Peringatan", "Alerts"),
    "not_found": ("Peringatan tidak ditemukan.", "Alert not found."),
    "occurrences": ("Kejadian", "Occurrences"),
    "scores": ("Skor model", "Model scores"),
    "model": ("Model", "Model"),
    "phase": ("Tahapan", "Election phase"),
    "source": ("Sumber data", "Data source"),
    "no_alerts": ("Belum ada peringatan.", "No alerts yet."),
    "saved": ("Tersimpan.", "Saved."),
    "new": ("baru", "new"),
    "assigned": ("ditugaskan", "assigned"),
    "confirmed": ("dikonfirmasi", "confirmed"),
    "dismissed": ("ditolak", "dismissed"),
    "asn_neutrality": ("Netralitas ASN", "ASN neutrality"),
    "hoax": ("Hoaks", "Hoax"),
    "hate_sara": ("Ujaran kebencian SARA", "SARA hate speech"),
    "low": ("rendah", "low"),
    "medium": ("sedang", "medium"),
    "high": ("tinggi", "high"),
    "critical": ("kritis", "critical"),
    "other_lang": ("English", "Bahasa Indonesia"),
    "known_hoax": ("Hoaks yang sudah dicek", "Known hoax"),
    "no_known_claim": ("Belum cocok dengan hoaks yang sudah dicek", "Matches no known hoax yet"),
    "claim": ("Klaim", "Claim"),
    "fact_check": ("Cek fakta", "Fact-check"),
    "publisher": ("Pemeriksa fakta", "Fact-checker"),
    "date": ("Tanggal", "Date"),
    "verdict": ("Penilaian", "Verdict"),
    "added_by": ("Ditambahkan oleh", "Added by"),
    "retired": ("tidak dipakai lagi", "retired"),
    "similarity": ("Kemiripan", "Similarity"),
    "matched_span": ("Bagian yang mengulang klaim", "Text repeating the claim"),
    "question": ("berupa pertanyaan", "asked as a question"),
    "reject_match": ("Bukan klaim ini (tolak kecocokan)", "Not this claim (reject the match)"),
    "mark_known": ("Tandai sebagai hoaks yang sudah dicek", "Mark as known hoax"),
    "spread": ("Penyebaran", "Spread"),
    "posts": ("Unggahan", "Posts"),
    "accounts": ("Akun", "Accounts"),
    "reach": ("Jangkauan", "Reach"),
    "repeated_by": ("Unggahan yang mengulang klaim ini", "Posts that repeated this claim"),
}


def translator(lang: str) -> Callable[[str], str]:
    index = 1 if lang == "en" else 0

    def t(key: str) -> str:
        pair = TEXT.get(key)
        return pair[index] if pair else key

    return t
