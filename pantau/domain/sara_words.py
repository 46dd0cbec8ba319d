"""Word lists for the structural `hate_sara` rule (pantau.domain.sara), in the normalised form
`nlp.serving.normalize` yields (lower case, slang expanded: "org" → "orang", "gak" → "tidak", "yg" → "yang").
Data only."""

from __future__ import annotations

SUKU, AGAMA, RAS, ANTARGOLONGAN = "suku", "agama", "ras", "antargolongan"

# Group terms that name people whatever precedes them: canonical group → (category, comma-separated spellings).
PEOPLE_GROUPS: dict[str, tuple[str, str]] = {
    "batak": (SUKU, "batak"),
    "bugis": (SUKU, "bugis"),
    "minang": (SUKU, "minang, minangkabau"),
    "dayak": (SUKU, "dayak"),
    "sasak": (SUKU, "sasak"),
    "buton": (SUKU, "buton"),
    "minahasa": (SUKU, "minahasa"),
    "sunda": (SUKU, "sunda"),
    "melayu": (SUKU, "melayu"),
    "tionghoa": (RAS, "tionghoa, cina, china, cino, chindo, chinese, aseng, encek, cokin, amoy"),
    "asing": (ANTARGOLONGAN, "orang asing, tka, tenaga kerja asing"),
    "arab": (RAS, "kadrun, onta"),
    "keturunan": (RAS, "non pribumi, pribumi asli, nonpribumi, pribumi"),
    "islam": (AGAMA, "islam, muslim, muslimin"),
    "kristen": (AGAMA, "kristen, kristiani, nasrani, protestan"),
    "katolik": (AGAMA, "katolik, katholik"),
    "hindu": (AGAMA, "hindu"),
    "buddha": (AGAMA, "buddha, budha, buddhis"),
    "konghucu": (AGAMA, "konghucu, khonghucu"),
    "ahmadiyah": (AGAMA, "ahmadiyah, ahmadiyyah"),
    "syiah": (AGAMA, "syiah"),
    "kafir": (AGAMA, "non muslim, kafir, kafirun, kapir, nonmuslim, nonis, murtad"),
    "aliran sesat": (AGAMA, "aliran sesat, ajaran sesat"),
    "sekte": (AGAMA, "sekte, jemaah, jamaah, pengajian, wahabi, wahabbi, salafi, ldii, gafatar"),
    "agama lain": (AGAMA, "agama lain, beda agama, beda iman, tidak seiman, bukan seiman"),
    "suku lain": (SUKU, "suku lain, etnis lain, beda suku, bukan sesuku"),
    "pendatang": (ANTARGOLONGAN, "pendatang baru, pendatang, transmigran, transmigrasi, perantau, perantauan"),
    "orang luar": (ANTARGOLONGAN, "orang luar daerah, orang luar, bukan orang sini, bukan orang asli"),
    "putra daerah": (ANTARGOLONGAN, "putra daerah, putri daerah, orang asli, anak asli"),
}
# More ethnic groups, each its own group: people whatever precedes them ...
MORE_SUKU = """serawai lembak pasemah komering mandailing simalungun mentawai gayo mandar kaili tolaki mongondow
    sangihe sangir bajo manggarai lamaholot mbojo betawi osing tengger baduy kutai tidung"""
# ... and those that are also places, people only after a marker ("orang Rejang").
MORE_PLACE_SUKU = """keturunan rejang lampung palembang ogan jambi kerinci bengkulu gorontalo ternate tidore muna bima
    asmat dani rote sabu karo nias toraja sumba"""
# Names that are also places ("di Jawa Tengah", "wisata Bali"): people only after a marker ("orang Jawa").
PLACE_GROUPS: dict[str, tuple[str, str]] = {
    "jawa": (SUKU, "jawa, jowo"),
    "madura": (SUKU, "madura, meduro"),
    "makassar": (SUKU, "makassar, makasar"),
    "banjar": (SUKU, "banjar"),
    "bali": (SUKU, "bali"),
    "flores": (SUKU, "flores, ntt, timor"),
    "papua": (SUKU, "papua, irian"),
    "ambon": (SUKU, "ambon, maluku"),
    "manado": (SUKU, "manado"),
    "aceh": (SUKU, "aceh"),
    "padang": (SUKU, "padang"),
    "arab": (RAS, "arab"),
    "india": (RAS, "india, keling"),
}
PEOPLE_MARKERS = """orang suku etnis kaum bangsa keturunan wong urang warga dasar si para kelompok umat pemuda
    masyarakat penduduk anak puak"""
# "yang seiman": an in-group requirement is the group and the exclusion at once, in a call to choose.
IN_GROUP = {
    "seiman": AGAMA,
    "seagama": AGAMA,
    "sesama muslim": AGAMA,
    "sesama islam": AGAMA,
    "sesuku": SUKU,
    "sedaerah": ANTARGOLONGAN,
    "orang asli": ANTARGOLONGAN,
    "putra daerah": ANTARGOLONGAN,
    "pribumi": RAS,
}

# Generalising insults and dehumanisation: hostility when said of a group (not negated).
INSULTS = """licik penipu penjajah menjajah sesat menyesatkan kotor jorok biadab babi anjing monyet kera binatang
    hewan setan iblis najis laknat terkutuk bodoh tolol goblok dungu malas pemalas pelit serakah rakus tamak
    kampungan barbar primitif terbelakang preman maling pencuri perampok rampok pengkhianat munafik hina sampah
    kecoa tikus parasit benalu lintah hama virus penyakit kotoran ngelunjak antek boneka cukong kacung budak
    perusak merusak bau kasar"""
INSULT_PHRASES = [
    "tidak tahu diri",
    "tidak tahu terima kasih",
    "kurang ajar",
    "sok kuasa",
    "mau menguasai",
    "menguasai tanah kita",
    "rampas tanah",
    "merampas",
    "kaki tangan",
    "pembawa sial",
    "sumber masalah",
    "biang kerok",
    "bikin rusak",
    "tidak bisa dipercaya",
    "keras kepala",
    "suka rusuh",
    "pembuat onar",
    "suka menipu",
    "semua sama saja",
    "sama saja semua",
]
# Names for vermin and disease: hostile only said of the group ("pendatang itu benalu", "dasar Cina babi"), not
# near it ("tinta dari babi, haram bagi muslim", "virus dari Cina").
DEHUMANISING = """babi anjing monyet kera binatang hewan tikus kecoa virus penyakit hama parasit benalu lintah sampah
    kotoran setan iblis"""
SIMILE = r"(?:dasar|kayak|kaya|seperti|bagai|bagaikan|macam|ibarat|sama dengan|sejenis|dasar \w+)"
# Calls to exclude a group from office or from the place.
EXCLUSION_VERBS = r"(?:jangan|jgn|tidak usah|tak usah|ga usah|haram|dilarang|tidak boleh|tidak layak|tidak pantas)"
EXCLUSION = [
    EXCLUSION_VERBS + r" (?:\w+ ){0,2}(?:di)?(?:pilih|kasih|kasi|beri|biarkan|kasihkan|berikan|angkat|menang)",
    EXCLUSION_VERBS + r" (?:\w+ ){0,3}(?:jadi|menjadi|memimpin|pimpin|dipimpin|berkuasa|pemimpin|bupati|gubernur)"
    r"(?:nya)?",
    r"(?:tidak|tak|ogah|enggan|tidak akan) (?:rela|sudi|mau|ikhlas|terima) (?:\w+ ){0,2}(?:dipimpin|diperintah|"
    r"dikuasai|dijajah|memimpin|jadi)",
    r"haram (?:dipimpin|memilih|pilih|hukumnya)",
    r"pulang (?:saja|sana|lah|aja)",
    r"(?:harus|suruh|disuruh|sebaiknya|mending|biar) pulang",
    r"pulang (?:kampung|ke (?:asal|negara|negeri|kampung|daerah)) (?:saja|sana|kalian|mu|asal|asalnya|asalmu|lah)",
    r"(?:balik|kembali) (?:saja |sana |lah )?ke (?:asal|kampung|negeri|negara|daerah)",
    r"(?:usir|diusir|mengusir|enyah|minggat|angkat kaki|hengkang)",
    r"(?:cuma |hanya |jangan )?(?:numpang|menumpang) (?:hidup|makan|cari makan|tinggal|di)",
    r"(?:harus|wajib|mesti|hanya|cuma|pilih|utamakan|dahulukan) (?:\w+ ){0,2}(?:orang asli|seiman|seagama|"
    r"sesuku|sedaerah|putra daerah|pribumi|sesama muslim|sesama islam)",
    r"(?:jangan|jgn) (?:yang|yg) (?:\w+ ){0,1}",
    r"bukan pemimpin kita",
    r"(?:jangan|jgn|tidak boleh|dilarang) (?:\w+ ){0,2}(?:masuk|injak|menginjak|tinggal|datang|numpang) (?:ke |di )?"
    r"(?:kampung|desa|daerah|wilayah|tanah|sini)",
    r"(?:tuan|tuan rumah) di (?:tanah|negeri|kampung|daerah) sendiri",
    r"(?:cukup|hanya|cuma) (?:jadi )?(?:penonton|tamu|pendatang|warga kelas dua)",
    r"(?:tanah|kampung|daerah|negeri) kita (?:jangan|tidak boleh|tidak sudi|ogah|bukan)",
]
# Threats count aimed at the group: the verb before it ("usir pendatang"), or its passive after ("dibantai").
THREATS = (
    r"(?:bunuh(?! diri)|bantai|basmi|babat habis|habisi|ganyang|bakar|perangi|tumpas|musnahkan|halal darahnya|sweeping|"
)
THREATS += r"hancurkan|singkirkan|buang ke laut|sikat habis|gantung)"
PASSIVE_THREATS = r"(?:dibunuh|dibantai|dibasmi|dihabisi|diganyang|dibakar|diperangi|ditumpas|dimusnahkan|disingkirkan|"
PASSIVE_THREATS += r"dibuang|digantung|disikat)"
THREAT_GAP = 3  # words between the threat and its object
QUANTIFIERS = "semua semuanya selalu memang begitu pasti kebanyakan rata rata dasar sama saja seluruh"
NEGATIONS = "tidak bukan tak belum jangan kurang engga enggak nda ndak gk"
# Words that may stand between a group and the name it is called ("pendatang itu memang benalu").
COPULA = "itu adalah memang semua semuanya ini tuh mah sama dasar ya"

# A text that rejects SARA or reports on it (counter-speech, news) raises nothing on structure alone.
COUNTER = [
    r"(?:jangan|stop|tolak|menolak|hentikan|lawan|melawan|kecam|mengecam|kutuk|mengutuk|hindari|cegah|jauhi|"
    r"waspadai|waspada|say no|no|tidak boleh|anti|tanpa|hapus|bukan) (?:\w+ ){0,3}(?:sara|rasis|rasisme|rasial|"
    r"politik identitas|isu agama|isu suku|intoleransi|intoleran|ujaran kebencian|diskriminasi|adu domba|"
    r"memecah belah|provokasi|kebencian|politisasi agama)",
    r"(?:bukan|tidak|tak|jangan) (?:\w+ ){0,4}(?:soal|masalah|urusan|karena|dilihat dari|lihat|melihat|memandang|"
    r"berdasarkan|persoalan) (?:\w+ ){0,2}(?:suku|agama|ras|etnis|asal|keturunan|warna kulit|sukunya|agamanya)",
    r"(?:hanya|cuma|semata|gara gara) karena (?:\w+ ){0,3}(?:suku|agama|ras|etnis|orang|dia|beda)",
    r"(?:apa pun|apapun|tanpa memandang|tidak memandang|tak memandang|tidak peduli) (?:\w+ ){0,1}(?:suku|agama|ras|"
    r"etnis|latar)",
    r"(?:tidak|bukan|tak) (?:semua|selalu) ",
    r"(?:rasis|provokator|provokatif|memecah belah|adu domba) (?:itu|banget|sekali|namanya)",
    r"(?:toleransi|bhinneka|kebinekaan|keberagaman|bersaudara|saudara kita|kita semua saudara)",
]
DISCLAIMER = r"(?:bukan|tidak|maaf|maaf bukan) (?:\w+ ){0,2}(?:sara|rasis)\w* (?:\w+ ){0,2}(?:tapi|tetapi|namun)"
REPORTING = """dilaporkan melaporkan laporan bawaslu polisi polres polda kepolisian diselidiki menyelidiki diduga
    tersangka ditangkap pelaku unggahan viral akun pemilik akun dikutip dilansir ujarnya katanya kata dia menurut
    mengimbau imbau himbau klarifikasi pernyataan wartawan redaksi berita sidang dijerat pasal uu ite"""
# Derogatory names that need only a tie to a contestant ("didukung aseng") to be hostile.
SLURS = ["aseng", "cokin", "kadrun", "onta", "kapir", "kafir", "keling", "aliran sesat", "ajaran sesat"]
TIES_WORDS = "dukung didukung mendukung pendukung dibiayai dibekingi beking bekingan cukong antek boneka suruhan"
TIES = [*TIES_WORDS.split(), "kaki tangan"]
# "Kalau bupatinya X, ...": a leader from the group as a threat, when a harm follows in the clause.
CONDITIONAL = (
    r"(?:kalau|jika|kalo|bila|apabila)(?: sampai| nanti)? (?:\w+ ){0,2}(?:pemimpin|bupati|gubernur|walikota|"
    r"wali kota|kepala daerah|pejabat)(?:nya)?(?: dari| orang)?"
)
CONSEQUENCE = (
    r"jangan harap|hancur|habis|bahaya|celaka|rusak|tersingkir|terancam|tamat|dijual|dikuasai|tidak (?:akan )?diurus|"
    r"digusur|diusir|dipinggirkan|dilarang|ditutup|menyesal"
)
# Taking over what is "ours": the classic fear a group is made the object of.
TAKEOVER = (
    r"(?:kuasai|menguasai|dikuasai|rebut|merebut|direbut|ambil alih|caplok|mencaplok|rampas|merampas|monopoli)"
    r"(?: \w+){0,2} (?:pasar|ekonomi|pemerintahan|tanah|lahan|daerah|kursi|jabatan|kabupaten|kota|provinsi|politik|"
    r"kekuasaan|wilayah|kampung|negeri)|(?:jadi|menjadi) minoritas|kristenisasi|islamisasi"
)
ANAPHORA = r"(?<!\w)(?:mereka|kalian|kaum itu|orang orang itu)(?!\w)"
CLAUSE_BREAKS = r"(?:tapi|tetapi|namun|sedangkan|padahal|sementara itu)"
