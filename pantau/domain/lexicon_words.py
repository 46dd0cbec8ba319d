"""Words of praise, agreement, criticism and mockery that `pantau.domain.lexicon` reads, kept apart from its rules.

Patterns read `nlp.serving.normalize` output (lower case, no punctuation, chat abbreviations expanded: "doang" is
"saja", "gak" is "tidak", emoji named: 🔥 "api", 🤡 "badut"). Written from general knowledge of Indonesian,
its regional languages (Javanese, Sundanese, Minang, Bengkulu/Palembang Malay, Banjar, Bugis/Makassar,
Manado/Kupang/Ambon Malay, Betawi, Medan, Acehnese, Sasak, Balinese) and social-media usage, not from any
evaluation text.
"""

from __future__ import annotations

from pantau.domain.cue_words import affixed


def _alternatives(text: str) -> str:
    """One regex alternative per line of `text` (entries separated by " | " within a line)."""
    return "|".join(part.strip() for line in text.strip().splitlines() for part in line.split(" | ") if part.strip())


_VOTING = "|".join(affixed(stem) for stem in ("pilih", "coblos", "dukung")) + r"|termakan|buang suara\w*|kasih suara"
_PRAISE = rf"""
{affixed("dukung", agent=True)} | {affixed("menang")} | {affixed("pilih")} | {affixed("coblos")} | {affixed("contreng")}
semoga menang | pasti menang | kami dukung | harga mati | pokoknya | pokoke | lanjutkan | lanjut | lanjut terus
jujur | amanah | bangga | membanggakan | hebat | mantap | mantab | mantep | manteb | mantul | keren | terbaik | idola
sehat selalu | gasken | gaskeun | gas | gaspol | gas terus | di belakang | siap | jaya | juara | sukses
amin | aamiin | amiin | aamin | insyaallah | insya allah | masyaallah | semoga | setuju | sepakat | bener | benar
betul | masuk akal | cocok | layak | pantas | top | josss | joss | jos | sip | oke | api | semangat | cinta
tepuk tangan | sempurna | doa kami | menyertai | peduli | merakyat | tegas | bijak | pro rakyat | luar biasa
idaman | sae | apik | hade | alus | rancak | baguih | elok | pilihan tepat | visioner | cerdas | pemimpin sejati
panutan | teladan | berkah | barokah | kawal | menangkeun
ini baru | nah ini | baru pemimpin | baru cocok | baru pas | baru mantap
pemimpin (?:sejati|idaman|rakyat|masa depan|yang (?:kita|kami) (?:butuhkan|tunggu|cari|rindukan|harapkan))
sosok (?:pemimpin|yang tepat|tepat|idaman|merakyat|teladan) | calon terbaik | paling (?:pantas|layak|cocok|tepat)
harapan (?:kita|kami|rakyat|baru|warga) | salut | respek | respect | ajib | gokil | keren abis | jagoan\w*
andalan\w* | favorit\w* | the best | menyala | on fire | kerja nyata | bukti nyata | sudah terbukti | terbukti
berpengalaman | dekat dengan rakyat | rendah hati | santun | tulus | ikhlas | religius | berprestasi | kompeten
inspiratif | inovatif | solutif | gercep | sat set | satset | anti korupsi | adil | bijaksana | berani
pekerja keras | lanjutkan perjuangan | dua periode | 2 periode | bersamamu | kami bersama | all in | satu suara
sepenuh hati | barakallah | yakin menang | optimis
pasti bisa | maju terus | terus maju | pantang mundur | otw | meluncur | merapat | pasti datang | pasti hadir
siap hadir | auto (?:pilih|coblos|dukung) | fix (?:pilih|coblos|dukung) | wajib (?:pilih|coblos|menang)
harus menang | kudu menang | top markotop | jempol | jempolan | kece | cakep | demen | klop | inspirasi
leres | muhun | nggih | inggih | enggeh | mugi | mugia | mudahan | mudah mudahan | moga moga | moga
bungas | harat | bujur | santiang | rancak bana | luung | becik | solah | macca | mantapji | mantap jiwa
mantap kali | hebat kali | horas | lope | love | sapakaik | satuju | akur | sarujuk | cocok pisan | mudah2an
(?:keren|mantap|bagus|hebat|gokil|mantul|top) (?:parah|gila|banget|abis|pol|poll|bener|betul) | kuy | gaskan
bukan kaleng kaleng | sikat | hajar | pasti jadi | orang baik | orangnya baik | baik hati | sudah saatnya
nyengkuyung | ngadukung | ngarojong | dirojong | rojong | mandukuang | pancen apik | apik tenan | joss gandoss
(?:tidak|kagak|kaga|nggak|ndak|ora) ada lawan | tanpa lawan | rahayu | get that | get lagee
"""
_SCORN = rf"""
bosen | bosan | cuma baliho | cuma pintar | skip | asal jangan | asal bukan | belum siap | tidak siap
(?:jangan|jgn|jng|ojo|ulah|entong|tidak usah|usah) (?:lagi )?(?:{_VOTING}|mau|percaya|sampai|tertipu|terkecoh)
buang suara\w* | buang buang suara\w* | sia siakan suara\w* | salah pilih | {affixed("tolak")}
belajar dulu | jual agama | jualan agama | mangkrak | gagal\w* | korupsi | koruptor | tersangka
janji palsu | janji manis | cuma janji | tukang janji | omdo | omong saja | omong kosong | pencitraan | bohong
pembohong | masih lubang | masih berlubang | ga cair | tidak cair | belum cair | mana buktinya | buktinya mana
mana janji\w* | janjinya mana | kemana aja | ke mana aja | kemana saja | ke mana saja | ke mano bae | padahal
mimpi | ngimpi | halu | diskualifikasi | didiskualifikasi | habis riwayat | payah | parah | lemah | tidak becus
dinasti | boneka | munafik | zalim | rakus | maling | curang | politik uang | belum punya pengalaman
tanpa pengalaman | cuma modal | joget | ngibul | nipu | tipu\w* | penipu\w* | badut | jijik | muak | basi
tidak setuju | kotoran | tagih | malu | memalukan | bodoh | tolol | sampah | nol besar | cuma bisa | bisanya cuma
ora becus | goblok | bego | ngapusi | pembual | tukang bual | omong besar | korup | nepotisme | antek | oligarki
cukong | titipan | tidak jelas | ga jelas | tidak layak | tidak pantas | kapok | nyesel | menyesal | kecewa\w*
lebay | norak | memuakkan | turunkan | licik | culas | arogan | sombong | angkuh | amburadul | modal tampang
modal joget | pura pura | sok \w+
janji (?:saja|haja|bae|wae|tok|thok|ae|jo|ja|mulu|melulu|terus|janji|surga|kosong|kampanye)
halah | preet | pret | cih | cuih | dih | idih | najis | amit amit | hadeh | hadeuh | ealah | heleh | helleh
katanya (?:mau|akan|bakal|janji|peduli|merakyat|bersih|jujur|amanah|pro rakyat|gratis|bisa)
setingan | settingan | gimmick | sandiwara | dagelan | pelawak | ngelawak | wkwk\w* | kwkw\w* | awokawok\w*
ngakak | zonk | php | pemberi harapan palsu | gombal\w* | ngegombal | basa basi | ngeles | kibul | akal akalan
tamak | serakah | haus kekuasaan | gila jabatan | gila kuasa | lupa daratan | kacang lupa kulit\w* | plin plan
mencla mencle | tong kosong | mulut manis | muka dua | bermuka dua | penjilat | buzzer | nasi bungkus
serangan fajar | amplop | money politic | beli suara | kroni | ngaco | ngawur | tidak nyambung | asal bunyi | asbun
plonga plongo | planga plongo | tidak guna | tidak berguna | tak berguna | hasilnya nol | apa kabar janji\w*
mana hasilnya | kerjanya apa | ngapain saja | selama ini (?:kemana|ke mana) | dulu (?:kemana|ke mana)
ada maunya | butuh suara | baru peduli | baru muncul | tiba tiba (?:baik|ramah|peduli|muncul)
mendadak (?:baik|ramah|peduli|merakyat|religius|alim) | ogah | eneg | enek | ilfil | ilfeel | sebel | kesel
ancur | hancur | bobrok | blunder | cukup sekali | cukup satu periode | jangan lagi | ogah lagi
itu itu saja | hmm | masa sih | masak sih | emang bisa | memang bisa | bisa apa | tahu apa | ngerti apa
belum tentu | belum terbukti | tidak terbukti | tanpa bukti | minim prestasi | tanpa prestasi | tidak ada prestasi
belum ada hasil | tidak ada hasil | embung | teu resep | teu hade | ora apik | ora sudi | tidak sudi
kada mau | idak galak | dak galak | indak namuah | tra mau | sonde mau | seng mau
sakit hati | dibohongi | dikibuli | ditipu | tertipu | busuk | kutu loncat | pecundang | pengecut | oportunis
petugas partai | dibayar | cari muka | cari panggung | numpang tenar | aji mumpung | pansos | panjat sosial
jual tampang | modal duit | modal uang | modal bapak | modal ortu | anak pejabat
yaelah | yailah | terserah | males | malas | tidak ngaruh | tidak pengaruh | bodo amat | bodoamat | egp
siapa (?:lu|elu|lo|loe|dia|situ) | pas mau (?:pemilu|pilkada|pemilihan|nyalon) | menjelang (?:pemilu|pilkada)
lima tahun sekali | 5 tahun sekali | muncul pas | muncul saat | lihat saja nanti | liat aja nanti
omon omon | ndasmu | iyain saja | iyain aja | iyain | percaya deh | semoga (?:tobat|sadar|insyaf|cepat sadar|kalah)
pasti kalah | biar kalah | bakal kalah | kalah telak | tidak usah (?:nyalon|maju|mimpi) | mundur saja
(?<!bukan )kaleng kaleng | ora mutu | ra mutu | ra cetho | ora cetho | mbelgedes | kakehan janji | akeh janji
loba janji | loba teuing janji | ota gadang | baota | bafoya | banyak cakap | bacot | ngebacot
"""
PRAISE = _alternatives(_PRAISE)
SCORN = _alternatives(_SCORN)

# A negator right before praise turns it ("tidak jujur", "ora amanah", "kurang tegas").
NEGATORS = "tidak|tak|bukan|kurang|belum|ora|teu|henteu|indak|idak|dak|kada|nda|ndak|tra|sonde|jauh dari"
# Laughter without praise, under a campaign post or at a named pair, is mockery ("wkwk", "sabar ya 😂").
LAUGHTER = r"tertawa|wkwk\w*|kwkw\w*|haha\w*|hihi\w*|awokawok\w*|ngakak|xixi\w*|lol|lmao"
# Words that, with a question mark, make a question rhetorical: "tapi ...? hmm", "yakin bisa?".
DOUBT = r"hmm\w*|yakin|masa sih|masak sih|masa iya|emang|memang|serius|beneran|katanya|tapi|kok"
# Scorn words that, right after praise, only intensify it: "keren parah", "mantap gila".
INTENSIFIERS = frozenset({"parah", "gila", "edan", "sadis", "brutal", "abis"})
SARCASM = r"tertawa|wkwk\w*|haha\w*|kali|katanya|padahal|tapi|namanya juga|ya kan|kan katanya"
NEGATIVE_EMOJI = "🙄😏🤮🤢🤡👎💩😒😤🙃🤥🥱🐍🖕🤭💀🧢😴"
POSITIVE_EMOJI = "🤲🥰🤩🫡🙌✊👌⭐🌟🙏👍🔥💪❤💯👏😍💙💚🧡💛💜🤍✨🚀🏆🥇🫶💖😘🤗🥳🎉"
