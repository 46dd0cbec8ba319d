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
    "evidence": ("Bukti yang memicu", "Evidence that fired"),
    "ev_campaign_account": ("Akun kampanye", "Campaign account"),
    "ev_hashtag": ("Tagar kampanye", "Campaign hashtag"),
    "ev_slogan": ("Slogan kampanye", "Campaign slogan"),
    "ev_number_cue": ("Isyarat nomor", "Number cue"),
    "ev_position_cue": ("Posisi di surat suara", "Ballot position"),
    "ev_stance": ("Sikap terhadap paslon", "Stance toward the pair"),
    "ev_context": ("Konteks", "Context"),
    "ev_claim": ("Klaim hoaks yang dicek", "Fact-checked claim"),
    "ev_style_score": ("Skor gaya (model)", "Style score (model)"),
    "ev_sara_group": ("Kelompok SARA", "SARA group"),
    "ev_hostility": ("Permusuhan", "Hostility"),
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
    "citizen_report": ("Laporan warga", "Citizen report"),
    "mobilisation": ("Pengerahan ASN", "Civil-servant mobilisation"),
    # Election phases (alert `phase`)
    "phase_before_campaign": ("sebelum kampanye", "before the campaign"),
    "phase_campaign": ("masa kampanye", "campaign period"),
    "phase_quiet_period": ("masa tenang", "quiet period"),
    "phase_voting_day": ("hari pemungutan suara", "voting day"),
    "phase_after": ("setelah pemungutan suara", "after voting"),
    # Model labels and threshold names
    "label_endorsement": ("Dukungan ke paslon", "Endorsement"),
    "label_attack": ("Serangan ke paslon", "Attack"),
    "label_political": ("Muatan politik", "Political"),
    "label_hoax": ("Hoaks", "Hoax"),
    "label_hate_sara": ("Ujaran kebencian SARA", "SARA hate speech"),
    "label_claim": ("Klaim hoaks yang dicek", "Fact-checked claim"),
    "label_claims.similarity": ("Kemiripan kata dengan klaim", "Word similarity to a claim"),
    "label_claims.semantic": ("Kemiripan makna dengan klaim", "Similarity in meaning to a claim"),
    # Acts
    "act_post": ("unggahan", "post"),
    "act_comment": ("komentar", "comment"),
    "act_share": ("berbagi", "share"),
    "act_like": ("suka", "like"),
    "act_report": ("laporan warga", "citizen report"),
    # Time zones
    "tz": ("Zona waktu", "Time zone"),
    "tz_assumed": ("wilayah tidak dikenali: WIB diasumsikan", "region not recognised: WIB assumed"),
    "tz_island": ("ditentukan dari nama pulau", "taken from the island's name"),
    "event_time": ("Waktu kejadian", "Event time"),
    "detected_at": ("Terdeteksi", "Detected"),
    # What was acted on
    "acted_on": ("Konten yang ditanggapi", "Content acted on"),
    "post_author": ("Pemilik unggahan", "Post's author"),
    "answered_post": ("Unggahan yang dikomentari", "Post answered"),
    "acted_post": ("Isi unggahan", "The post"),
    "act_reach": ("Jangkauan akun yang menanggapi", "Reach of the account that acted"),
    "reach_note": ("pengikut atau tayangan, mana yang lebih besar", "followers or views, whichever is larger"),
    "not_recorded": ("tidak tercatat pada peringatan ini", "not recorded on this alert"),
    # Why this severity
    "why_severity": ("Mengapa tingkat ini", "Why this severity"),
    "points": ("poin", "points"),
    "sev_margin": ("Selisih skor di atas ambang", "Score margin over the threshold"),
    "sev_known_claim": ("Mengulang hoaks yang sudah dicek", "Repeats a fact-checked hoax"),
    "sev_action": ("Jenis tindakan", "Kind of act"),
    "sev_reach": ("Jangkauan (≥10.000: +1, ≥100.000: +2)", "Reach (≥10,000: +1, ≥100,000: +2)"),
    "sev_phase": ("Tahapan (masa tenang +1, hari pemungutan +2)", "Phase (quiet period +1, voting day +2)"),
    "sev_prior": ("Peringatan sebelumnya untuk orang ini", "Earlier alerts for this person"),
    "sev_no_pair": ("Tidak menyebut paslon tertentu", "Names no particular pair"),
    "sev_total": ("Jumlah poin → tingkat", "Total points → severity"),
    "sev_capped": (
        "Hoaks tanpa klaim yang sudah dicek selalu rendah",
        "A hoax with no fact-checked claim behind it is always low",
    ),
    "sev_differs": (
        "Tingkat tersimpan berbeda dari hitungan ini: diubah setelah deteksi",
        "The stored severity differs from these points: it was changed after detection",
    ),
    # Escalation
    "escalation": ("Penerusan ke Bawaslu", "Escalation to Bawaslu"),
    "not_escalated": ("Belum diteruskan ke Bawaslu.", "Not escalated to Bawaslu."),
    "requested_by": ("Diminta oleh", "Requested by"),
    "by_policy": ("kebijakan otomatis", "automatic policy"),
    "addressed_to": ("Ditujukan kepada", "Addressed to"),
    "delivery": ("Pengiriman", "Delivery"),
    "esc_pending": ("menunggu pengiriman", "waiting for delivery"),
    "esc_delivered": ("terkirim", "delivered"),
    "esc_dead": ("gagal terkirim", "delivery failed"),
    "esc_waiting": ("belum diproses escalator", "not yet picked up by the escalator"),
    "escalation_id": ("ID penerusan", "Escalation id"),
    "esc_reason_critical_alert": ("peringatan kritis", "critical alert"),
    "esc_reason_hoax_reach": ("hoaks berjangkauan luas", "hoax with wide reach"),
    "esc_reason_repeat_offender": ("pelanggaran berulang", "repeat offender"),
    "esc_reason_staff_request": ("permintaan petugas", "staff request"),
    "esc_reason_claim_spread": ("hoaks menyebar di banyak akun", "hoax spreading across accounts"),
    # Alert page
    "alert_id": ("ID peringatan", "Alert id"),
    "action": ("Tindakan", "Act"),
    "name": ("Nama", "Name"),
    "employment": ("Status kepegawaian", "Employment status"),
    "nip_pseudonym": ("NIP (pseudonim)", "NIP (pseudonym)"),
    "dismissed_final": (
        "Peringatan ini sudah ditolak; tidak ada tindakan lagi.",
        "This alert was dismissed; no further actions.",
    ),
    "k_matched": ("cocok", "matched"),
    "k_pair": ("paslon", "pair"),
    "k_handle": ("akun", "account"),
    "k_label": ("label", "label"),
    "k_score": ("skor", "score"),
    "k_threshold": ("ambang", "threshold"),
    "k_wording": ("kata", "wording"),
    "k_relation": ("hubungan", "relation"),
    "k_stance": ("sikap", "stance"),
    "k_call": ("ajakan", "call to vote"),
    "k_position": ("posisi", "position"),
    "k_group": ("kelompok", "group"),
    "k_category": ("kategori", "category"),
    "k_similarity": ("kemiripan", "similarity"),
    "k_publisher": ("pemeriksa fakta", "fact-checker"),
    "k_title": ("judul", "title"),
    "k_date": ("tanggal", "date"),
    "k_framing": ("bentuk", "framing"),
    "k_source": ("sumber", "source"),
    # Thresholds page
    "thresholds": ("Ambang", "Thresholds"),
    "in_force": ("Ambang yang berlaku", "Thresholds in force"),
    "value": ("Nilai", "Value"),
    "origin": ("Asal", "Source"),
    "origin_live": ("diubah (langsung)", "changed (live)"),
    "origin_default": ("bawaan", "default"),
    "last_change": ("Perubahan terakhir", "Last change"),
    "changes": ("Riwayat perubahan", "Change log"),
    "whatif": ("Bagaimana jika ambang diubah", "What if the threshold changed"),
    "whatif_days": ("Skor tercatat {days} hari terakhir", "Recorded scores of the last {days} days"),
    "alerts_per_day": ("peringatan/hari", "alerts/day"),
    "precision": ("presisi", "precision"),
    "triaged": ("ditinjau", "triaged"),
    "no_scores": ("Belum ada skor tercatat untuk jendela ini.", "No recorded scores in this window yet."),
    "change_threshold": ("Ubah ambang", "Change the threshold"),
    "new_value": ("Nilai baru (0–1)", "New value (0–1)"),
    "save": ("Simpan", "Save"),
    "read_only_thresholds": (
        "Akses baca saja: hanya peran triage yang boleh mengubah ambang.",
        "Read-only access: only the triage role may change thresholds.",
    ),
    "whatif_vs_show": (
        "Mengapa angka ini berbeda dari `pantau thresholds show`?",
        "Why do these figures differ from `pantau thresholds show`?",
    ),
    "whatif_vs_show_text": (
        "Kurva ini menghitung berapa peringatan yang akan muncul dari skor yang tercatat selama {days} hari "
        "terakhir pada setiap ambang, lalu membaginya dengan {days} hari, walaupun skor baru tercatat sebagian "
        "dari jendela itu (instalasi baru, atau replay demo yang memutar kejadian berhari-hari dalam beberapa "
        "menit): 72 peringatan dalam satu jam demo tampil sebagai 72 ÷ 7 = 10,3 peringatan/hari. "
        "`pantau thresholds show` menghitung peringatan yang benar-benar ditulis dalam satu jam terakhir, per "
        "label pemicu. Kurva juga batas atas: hanya satu ambang yang diterapkan ulang (paslon yang disebut dan "
        "skor politik tidak dihitung ulang; untuk dukungan/serangan hanya akun ASN yang terikat netralitas "
        "dihitung), dan suka berulang pada konten yang sama dihitung per kejadian walau hanya membuat satu "
        "peringatan. Bandingkan per jam × 24 dengan per hari hanya setelah skor tercatat sepanjang jendela.",
        "This curve counts the alerts the scores recorded over the last {days} days would raise at each "
        "threshold and divides by {days} days, even where scores cover only part of that window (a fresh "
        "install, or a demo replay that plays days of events in minutes): 72 alerts in one hour of demo show "
        "as 72 ÷ 7 = 10.3 alerts/day. `pantau thresholds show` counts the alerts actually written in the last "
        "hour, by the label that fired them. The curve is also an upper bound: only the one threshold is "
        "re-applied (the named pair and the political score are not re-checked; for endorsement/attack only "
        "neutrality-bound roster accounts count), and repeated likes of the same content count per event "
        "although they make one alert. Compare per hour × 24 with per day only once scores cover the window.",
    ),
    "in_force_mark": ("berlaku", "in force"),
    "rule": ("aturan", "rule"),
    "bad_value": (
        "Nilai harus angka 0–1 dan alasan wajib diisi.",
        "The value must be a number 0–1 and a reason is required.",
    ),
}


def translator(lang: str) -> Callable[..., str]:
    """t(key) → the text in `lang`; t("phase_" + value, value) falls back to the raw value, not the key."""
    index = 1 if lang == "en" else 0

    def t(key: str, default: str | None = None) -> str:
        pair = TEXT.get(key)
        if pair:
            return pair[index]
        return key if default is None else default

    return t
