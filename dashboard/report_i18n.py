"""Words of the public report pages and the staff's report list, Indonesian first, English beside it.

Kept apart from dashboard/i18n.py: the public pages are their own small site, and a reporter's page must
never depend on the staff UI's wording."""

from __future__ import annotations

from collections.abc import Callable

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Lapor pelanggaran pemilu di media sosial", "Report an election violation on social media"),
    "intro": (
        "Lihat ASN berkampanye, hoaks, atau ujaran kebencian SARA di media sosial? Laporkan di sini. Tidak perlu "
        "akun. Anda akan mendapat kode lacak untuk mengikuti laporan Anda.",
        "Seen a civil servant campaigning, a hoax or SARA hate speech on social media? Report it here. No account "
        "needed. You will get a tracking code to follow your report.",
    ),
    "platform": ("Platform", "Platform"),
    "choose": ("Pilih platform", "Choose a platform"),
    "url": ("Tautan ke unggahan", "Link to the post"),
    "url_help": (
        "Salin dari bilah alamat atau tombol Bagikan. Kami tidak membuka tautan ini.",
        "Copy it from the address bar or the Share button. We never open this link.",
    ),
    "handle": ("Nama akun (handle)", "The account's handle"),
    "handle_help": ("Contoh: @budi_s", "For example: @budi_s"),
    "text": ("Apa yang terjadi?", "What happened?"),
    "text_help": (
        "Ceritakan singkat: siapa, apa, kapan. Paling banyak 2.000 karakter.",
        "Briefly: who, what, when. At most 2,000 characters.",
    ),
    "content_text": ("Teks unggahan (opsional)", "The post's text (optional)"),
    "content_help": (
        "Tempel isi unggahannya bila bisa: membantu petugas menilai lebih cepat.",
        "Paste the post's words if you can: it helps staff judge faster.",
    ),
    "contact": ("Kontak Anda (opsional)", "Your contact (optional)"),
    "contact_help": (
        "Nomor WhatsApp atau surel, hanya bila petugas boleh menghubungi Anda. Disimpan terpisah dan hanya "
        "dilihat petugas penelaah.",
        "WhatsApp number or email, only if staff may contact you. Stored apart and seen only by reviewing staff.",
    ),
    "consent": (
        "Saya setuju petugas menghubungi saya tentang laporan ini.",
        "I agree that staff may contact me about this report.",
    ),
    "pow_wait": ("Menyiapkan pemeriksaan anti-spam…", "Preparing the anti-spam check…"),
    "pow_ready": ("Siap dikirim.", "Ready to send."),
    "noscript": (
        "Halaman ini perlu JavaScript untuk pemeriksaan anti-spam (tanpa layanan luar).",
        "This page needs JavaScript for its anti-spam check (no outside service).",
    ),
    "submit": ("Kirim laporan", "Send report"),
    "error": ("Laporan belum terkirim", "The report was not sent"),
    "required": ("wajib", "required"),
    "status_title": ("Status laporan", "Report status"),
    "code": ("Kode lacak", "Tracking code"),
    "keep_code": (
        "Simpan kode ini. Buka halaman ini lagi kapan saja untuk melihat perkembangan laporan Anda.",
        "Keep this code. Open this page again at any time to see how your report is doing.",
    ),
    "thanks": ("Terima kasih, laporan Anda diterima.", "Thank you, your report was received."),
    "folded": (
        "Laporan yang sama sudah pernah dikirim; ini kodenya.",
        "The same report was sent before; this is its code.",
    ),
    "received_at": ("Diterima", "Received"),
    "received": ("diterima", "received"),
    "in_review": ("ditinjau", "in review"),
    "forwarded": ("diteruskan ke Bawaslu", "forwarded to Bawaslu"),
    "closed": ("ditutup", "closed"),
    "step_received": ("Laporan masuk ke sistem.", "The report is in the system."),
    "step_in_review": ("Petugas sedang menelaah.", "Staff are looking into it."),
    "step_forwarded": ("Diteruskan ke Bawaslu untuk ditindaklanjuti.", "Forwarded to Bawaslu for follow-up."),
    "step_closed": ("Penelaahan selesai.", "The review is finished."),
    "outcome": ("Hasil", "Outcome"),
    "not_found": ("Kode lacak tidak dikenal", "Unknown tracking code"),
    "not_found_help": (
        "Periksa kembali kodenya (contoh: LPR-7K2M-Q9XD). Laporan disimpan 90 hari.",
        "Check the code (for example LPR-7K2M-Q9XD). Reports are kept for 90 days.",
    ),
    "another": ("Kirim laporan lain", "Send another report"),
    "lookup": ("Lacak laporan", "Track a report"),
    "lookup_button": ("Lacak", "Track"),
    "privacy": (
        "Halaman ini tidak menampilkan apa pun tentang siapa pun selain status laporan.",
        "This page shows nothing about anyone but the report's status.",
    ),
    "case_title": ("Laporan warga pada kasus ini", "Citizens' reports on this case"),
    "reports": ("laporan", "reports"),
    "channel": ("Saluran", "Channel"),
    "words": ("Kata pelapor", "Reporter's words"),
    "contact_col": ("Kontak (rahasia)", "Contact (confidential)"),
    "contact_hidden": ("hanya peran penelaah", "triage role only"),
    "publish": ("Hasil untuk pelapor", "Outcome for the reporters"),
    "publish_help": (
        "Kalimat singkat yang dilihat semua pelapor kasus ini di halaman statusnya. Jangan tulis data pribadi.",
        "A short sentence every reporter of this case sees on their status page. Write nothing personal.",
    ),
    "publish_button": ("Terbitkan", "Publish"),
    "back_to_alert": ("Kembali ke peringatan", "Back to the alert"),
}
LANGS = ("id", "en")


def report_translator(lang: str) -> Callable[..., str]:
    index = 1 if lang == "en" else 0

    def t(key: str, default: str | None = None) -> str:
        words = WORDS.get(key)
        return words[index] if words else (default if default is not None else key)

    return t
