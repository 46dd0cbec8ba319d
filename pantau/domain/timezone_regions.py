"""Indonesia's provinces by time zone and their regencies (kabupaten) and cities (kota): the data behind
pantau.domain.timezones. Every city is listed; regencies are listed for the provinces outside WIB and for
Kalimantan's WIB half (the split staff get wrong most), so a regency of Java or Sumatra that is missing
here still gets the right zone (WIB), only flagged as assumed. Pure data."""

from __future__ import annotations

ZONE_OFFSETS = {"WIB": 7, "WITA": 8, "WIT": 9}

PROVINCE_ZONE = {
    "Aceh": "WIB",
    "Sumatera Utara": "WIB",
    "Sumatera Barat": "WIB",
    "Riau": "WIB",
    "Kepulauan Riau": "WIB",
    "Jambi": "WIB",
    "Sumatera Selatan": "WIB",
    "Kepulauan Bangka Belitung": "WIB",
    "Bengkulu": "WIB",
    "Lampung": "WIB",
    "DKI Jakarta": "WIB",
    "Jawa Barat": "WIB",
    "Banten": "WIB",
    "Jawa Tengah": "WIB",
    "DI Yogyakarta": "WIB",
    "Jawa Timur": "WIB",
    "Kalimantan Barat": "WIB",
    "Kalimantan Tengah": "WIB",
    "Bali": "WITA",
    "Nusa Tenggara Barat": "WITA",
    "Nusa Tenggara Timur": "WITA",
    "Kalimantan Selatan": "WITA",
    "Kalimantan Timur": "WITA",
    "Kalimantan Utara": "WITA",
    "Sulawesi Utara": "WITA",
    "Gorontalo": "WITA",
    "Sulawesi Tengah": "WITA",
    "Sulawesi Barat": "WITA",
    "Sulawesi Selatan": "WITA",
    "Sulawesi Tenggara": "WITA",
    "Maluku": "WIT",
    "Maluku Utara": "WIT",
    "Papua": "WIT",
    "Papua Barat": "WIT",
    "Papua Barat Daya": "WIT",
    "Papua Selatan": "WIT",
    "Papua Tengah": "WIT",
    "Papua Pegunungan": "WIT",
}

# Short names used in the press and by staff.
PROVINCE_ALIASES = {
    "Nanggroe Aceh Darussalam": "Aceh",
    "Sumatra Utara": "Sumatera Utara",
    "Sumut": "Sumatera Utara",
    "Sumatra Barat": "Sumatera Barat",
    "Sumbar": "Sumatera Barat",
    "Kepri": "Kepulauan Riau",
    "Sumatra Selatan": "Sumatera Selatan",
    "Sumsel": "Sumatera Selatan",
    "Bangka Belitung": "Kepulauan Bangka Belitung",
    "Babel": "Kepulauan Bangka Belitung",
    "Jakarta": "DKI Jakarta",
    "Jabar": "Jawa Barat",
    "Jateng": "Jawa Tengah",
    "Yogyakarta": "DI Yogyakarta",
    "Daerah Istimewa Yogyakarta": "DI Yogyakarta",
    "DIY": "DI Yogyakarta",
    "Jatim": "Jawa Timur",
    "Kalbar": "Kalimantan Barat",
    "Kalteng": "Kalimantan Tengah",
    "Kalsel": "Kalimantan Selatan",
    "Kaltim": "Kalimantan Timur",
    "Kaltara": "Kalimantan Utara",
    "NTB": "Nusa Tenggara Barat",
    "NTT": "Nusa Tenggara Timur",
    "Sulut": "Sulawesi Utara",
    "Sulteng": "Sulawesi Tengah",
    "Sulbar": "Sulawesi Barat",
    "Sulsel": "Sulawesi Selatan",
    "Sultra": "Sulawesi Tenggara",
    "Malut": "Maluku Utara",
    "Pabar": "Papua Barat",
}

# Island or region words that settle the zone when no province is named ("Provinsi Sulawesi Teluk").
# Kalimantan is absent on purpose: it spans WIB and WITA.
ISLAND_ZONE = {
    "Sumatera": "WIB",
    "Sumatra": "WIB",
    "Jawa": "WIB",
    "Sulawesi": "WITA",
    "Nusa Tenggara": "WITA",
    "Maluku": "WIT",
    "Papua": "WIT",
}

CITIES = {
    "Aceh": "Banda Aceh, Sabang, Langsa, Lhokseumawe, Subulussalam",
    "Sumatera Utara": "Medan, Binjai, Tebing Tinggi, Pematangsiantar, Pematang Siantar, Tanjungbalai, Tanjung Balai, "
    "Sibolga, Padangsidimpuan, Padang Sidempuan, Gunungsitoli",
    "Sumatera Barat": "Padang, Bukittinggi, Padang Panjang, Pariaman, Payakumbuh, Sawahlunto, Solok",
    "Riau": "Pekanbaru, Dumai",
    "Kepulauan Riau": "Batam, Tanjungpinang, Tanjung Pinang",
    "Jambi": "Jambi, Sungai Penuh",
    "Sumatera Selatan": "Palembang, Lubuklinggau, Lubuk Linggau, Pagar Alam, Pagaralam, Prabumulih",
    "Kepulauan Bangka Belitung": "Pangkalpinang, Pangkal Pinang",
    "Bengkulu": "Bengkulu",
    "Lampung": "Bandar Lampung, Metro",
    "DKI Jakarta": "Jakarta Pusat, Jakarta Utara, Jakarta Barat, Jakarta Selatan, Jakarta Timur",
    "Jawa Barat": "Bandung, Banjar, Bekasi, Bogor, Cimahi, Cirebon, Depok, Sukabumi, Tasikmalaya",
    "Banten": "Cilegon, Serang, Tangerang, Tangerang Selatan",
    "Jawa Tengah": "Magelang, Pekalongan, Salatiga, Semarang, Surakarta, Solo, Tegal",
    "DI Yogyakarta": "Yogyakarta",
    "Jawa Timur": "Batu, Blitar, Kediri, Madiun, Malang, Mojokerto, Pasuruan, Probolinggo, Surabaya",
    "Kalimantan Barat": "Pontianak, Singkawang",
    "Kalimantan Tengah": "Palangka Raya, Palangkaraya",
    "Kalimantan Selatan": "Banjarbaru, Banjarmasin",
    "Kalimantan Timur": "Balikpapan, Bontang, Samarinda",
    "Kalimantan Utara": "Tarakan",
    "Bali": "Denpasar",
    "Nusa Tenggara Barat": "Bima, Mataram",
    "Nusa Tenggara Timur": "Kupang",
    "Sulawesi Utara": "Bitung, Kotamobagu, Manado, Tomohon",
    "Gorontalo": "Gorontalo",
    "Sulawesi Tengah": "Palu",
    "Sulawesi Selatan": "Makassar, Palopo, Parepare, Pare-Pare",
    "Sulawesi Tenggara": "Baubau, Bau-Bau, Kendari",
    "Maluku": "Ambon, Tual",
    "Maluku Utara": "Ternate, Tidore Kepulauan, Tidore",
    "Papua": "Jayapura",
    "Papua Barat Daya": "Sorong",
}

REGENCIES = {
    "Kalimantan Barat": "Bengkayang, Kapuas Hulu, Kayong Utara, Ketapang, Kubu Raya, Landak, Melawi, Mempawah, "
    "Sambas, Sanggau, Sekadau, Sintang",
    "Kalimantan Tengah": "Barito Selatan, Barito Timur, Barito Utara, Gunung Mas, Kapuas, Katingan, "
    "Kotawaringin Barat, Kotawaringin Timur, Lamandau, Murung Raya, Pulang Pisau, Seruyan, Sukamara",
    "Kalimantan Selatan": "Balangan, Banjar, Barito Kuala, Hulu Sungai Selatan, Hulu Sungai Tengah, "
    "Hulu Sungai Utara, Kotabaru, Tabalong, Tanah Bumbu, Tanah Laut, Tapin",
    "Kalimantan Timur": "Berau, Kutai Barat, Kutai Kartanegara, Kutai Timur, Mahakam Ulu, Paser, Penajam Paser Utara",
    "Kalimantan Utara": "Bulungan, Malinau, Nunukan, Tana Tidung",
    "Bali": "Badung, Bangli, Buleleng, Gianyar, Jembrana, Karangasem, Klungkung, Tabanan",
    "Nusa Tenggara Barat": "Bima, Dompu, Lombok Barat, Lombok Tengah, Lombok Timur, Lombok Utara, Sumbawa, "
    "Sumbawa Barat",
    "Nusa Tenggara Timur": "Alor, Belu, Ende, Flores Timur, Kupang, Lembata, Malaka, Manggarai, Manggarai Barat, "
    "Manggarai Timur, Nagekeo, Ngada, Rote Ndao, Sabu Raijua, Sikka, Sumba Barat, Sumba Barat Daya, Sumba Tengah, "
    "Sumba Timur, Timor Tengah Selatan, Timor Tengah Utara",
    "Sulawesi Utara": "Bolaang Mongondow, Bolaang Mongondow Selatan, Bolaang Mongondow Timur, "
    "Bolaang Mongondow Utara, Kepulauan Sangihe, Kepulauan Siau Tagulandang Biaro, Kepulauan Talaud, Minahasa, "
    "Minahasa Selatan, Minahasa Tenggara, Minahasa Utara",
    "Gorontalo": "Boalemo, Bone Bolango, Gorontalo, Gorontalo Utara, Pohuwato",
    "Sulawesi Tengah": "Banggai, Banggai Kepulauan, Banggai Laut, Buol, Donggala, Morowali, Morowali Utara, "
    "Parigi Moutong, Poso, Sigi, Tojo Una-Una, Tolitoli",
    "Sulawesi Barat": "Majene, Mamasa, Mamuju, Mamuju Tengah, Pasangkayu, Polewali Mandar",
    "Sulawesi Selatan": "Bantaeng, Barru, Bone, Bulukumba, Enrekang, Gowa, Jeneponto, Kepulauan Selayar, Luwu, "
    "Luwu Timur, Luwu Utara, Maros, Pangkajene dan Kepulauan, Pangkep, Pinrang, Sidenreng Rappang, Sidrap, Sinjai, "
    "Soppeng, Takalar, Tana Toraja, Toraja Utara, Wajo",
    "Sulawesi Tenggara": "Bombana, Buton, Buton Selatan, Buton Tengah, Buton Utara, Kolaka, Kolaka Timur, "
    "Kolaka Utara, Konawe, Konawe Kepulauan, Konawe Selatan, Konawe Utara, Muna, Muna Barat, Wakatobi",
    "Maluku": "Buru, Buru Selatan, Kepulauan Aru, Kepulauan Tanimbar, Maluku Barat Daya, Maluku Tengah, "
    "Maluku Tenggara, Seram Bagian Barat, Seram Bagian Timur",
    "Maluku Utara": "Halmahera Barat, Halmahera Selatan, Halmahera Tengah, Halmahera Timur, Halmahera Utara, "
    "Kepulauan Sula, Pulau Morotai, Pulau Taliabu",
    "Papua": "Biak Numfor, Jayapura, Keerom, Kepulauan Yapen, Mamberamo Raya, Sarmi, Supiori, Waropen",
    "Papua Barat": "Fakfak, Kaimana, Manokwari, Manokwari Selatan, Pegunungan Arfak, Teluk Bintuni, Teluk Wondama",
    "Papua Barat Daya": "Maybrat, Raja Ampat, Sorong, Sorong Selatan, Tambrauw",
    "Papua Selatan": "Asmat, Boven Digoel, Mappi, Merauke",
    "Papua Tengah": "Deiyai, Dogiyai, Intan Jaya, Mimika, Nabire, Paniai, Puncak, Puncak Jaya",
    "Papua Pegunungan": "Jayawijaya, Lanny Jaya, Mamberamo Tengah, Nduga, Pegunungan Bintang, Tolikara, Yalimo, "
    "Yahukimo",
}
