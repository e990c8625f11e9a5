"""The layout stage's anchor table: each anchor's ``needs`` literals (which let a line with
none of them skip that anchor's search) are in every match it makes."""

from __future__ import annotations

import json
import re

import pytest

from venezuela_corpus.layout import ANCHORS, recover, rejoin, split_line
from venezuela_corpus.rules import RULES

from .conftest import ROOT
from .flatten import FORMS, flatten

# Short boilerplate shapes for the anchors no rule example reaches.
EXTRA = [
    "Tradisi itu unik.Artikel ini ditulis oleh Savira Oktavia, peserta magang di detikcom.",
    "Ganjar hadir.Lihat juga Video 'Ganjar Dipanggil 'Gus Im' di Jaksel': [Gambas:Video 20detik]",
    "Pemanasan GlobalBeruang kutub kelaparan saat es mencair (Antara)Pada 2019 suhu naik.",
    "Ia pulang. Keterangan foto: Pembelian ayam peternak di Rumpin.",
    "Ia pergi. Video: Banjir Rob Rendam Pesisir",
    "Harga naik.Selengkapnya baca di epaper Media Indonesia",
    "Negara itu menolak? Simak selengkapnya dalam rangkaian Infografis berikut ini:",
    "debat nanti.Jakarta (ANTARA) - Calon wakil presiden datang.",
    "Warga lega. Catatan Redaksi: Berita ini telah direvisi.",
    "Makanan dibagikan. Sebaran Dapur MBG - (Republika) Ikuti",
    "Sidang ditunda. (Penulis: Agus Setiawan) Warga pulang.",
    "Ridho merayakan gol. (c) Bola.net/M Iqbal IchsanPelatih Persib kecewa.",
    "2 dari 2 halamanMemiliki Banyak ManfaatIlustrasi (iStock)Menteri inovasi berbicara.",
    "Ia pulang. Gubernur Bengkulu, Rohidin Mersyah (Foto: Ist) Dia menambahkan.",
    "kata Prapanca. (Bola.net/Fitri Apriani) Pelatih itu pergi.",
    "Penumpang membeli tiket melalui aplikasi resmi.(Rizky Pratama)",
    "Harga naik, kata dia.ANDI PRASETYO",
    "Pedagang mengeluh. Lanjut ke halaman berikutnya",
    "harga naik. pewarta: rina astuti editor: budi santoso",
    "Harga naik.Pilihan editor: Mengapa Tiket Mahal",
    "Jalan amblas. Berita ini telah tayang di Tribunjateng.com dengan judul Jalan Amblas",
]
TEXTS = (
    EXTRA
    + [ex for rule in RULES for ex in (*rule.examples, *rule.keeps)]
    + [
        flatten(json.loads(line)["raw"], form)
        for name in ("articles.jsonl", "eval.jsonl")
        for line in (ROOT / "tests" / "cases" / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
        for form in FORMS
    ]
)


@pytest.mark.parametrize("anchor", ANCHORS, ids=lambda a: f"{a.name}:{a.regex[:25]}")
def test_needs_is_in_every_match(anchor: object) -> None:
    pattern = re.compile(anchor.regex)  # type: ignore[attr-defined]
    needs = anchor.needs  # type: ignore[attr-defined]
    matches = [m.group(0) for text in TEXTS for m in pattern.finditer(text) if m.group(0)]
    assert needs, "every anchor names the literals its matches contain"
    assert matches, "the rule examples and cases exercise every anchor"
    assert all(any(n in m for n in needs) for m in matches)


# How a line splits around a related link's title: (line, pieces). Invented sentences, real label shapes.
SPLITS = [
    # Titles glued together, then the next sentence glued to the last of them.
    (
        "Warga lega.Baca Juga:Jokowi: Kepanikan adalah Separuh Penyakit, Ketenangan adalah Separuh Obat"
        "Bertambah 689, Jumlah Positif Corona Menjadi 15.438 OrangTenaga medis bekerja keras.",
        [
            "Warga lega.",
            "Baca Juga:Jokowi: Kepanikan adalah Separuh Penyakit, Ketenangan adalah Separuh Obat"
            "Bertambah 689, Jumlah Positif Corona Menjadi 15.438 Orang",
            "Tenaga medis bekerja keras.",
        ],
    ),
    # A camel-case name inside a title that ends the line is not a boundary.
    ("Baca juga: LavAni petik kemenangan pertama", ["Baca juga: LavAni petik kemenangan pertama"]),
    # A short sentence glued after a title, ending the line, is a sentence, not the title's tail.
    (
        "Pedagang mengeluh. Baca juga:Harga Bawang NaikPedagang rugi besar.",
        ["Pedagang mengeluh.", "Baca juga:Harga Bawang Naik", "Pedagang rugi besar."],
    ),
    # A glued title with a sentence end before the glue point is not run to it.
    (
        "Baca juga: Harga naik. Petani senang sekali dengan kebijakan baru pemerintah itu dan pergiKalimat",
        ["Baca juga: Harga naik. Petani senang sekali dengan kebijakan baru pemerintah itu dan pergiKalimat"],
    ),
    # A list of titles after the label, then a quotation.
    (
        'Warga lega. Baca Juga: - Absen Temani Manggung - Dianggap Tidak Jantan "Kalau saya bertahan," katanya.',
        [
            "Warga lega.",
            "Baca Juga: - Absen Temani Manggung - Dianggap Tidak Jantan",
            '"Kalau saya bertahan," katanya.',
        ],
    ),
    # A quotation opened by an escaped entity.
    (
        "Namun ia diam. Baca juga: Validasi Organisasi TNI AL Diubah Jadi Kodamar"
        " &amp;ldquo;Birokrasi itu lama,&amp;rdquo; ujarnya.",
        [
            "Namun ia diam.",
            "Baca juga: Validasi Organisasi TNI AL Diubah Jadi Kodamar",
            "&amp;ldquo;Birokrasi itu lama,&amp;rdquo; ujarnya.",
        ],
    ),
    # A byline runs to the outlet's dateline, past the stops inside it.
    (
        "Laporan wartawan Tribunnews.co. Fahdi Fahlev. TRIBUNNEWS.CO. JAKARTA - Menteri berpidato.",
        ["Laporan wartawan Tribunnews.co. Fahdi Fahlev.", "TRIBUNNEWS.CO. JAKARTA - Menteri berpidato."],
    ),
    # A credit glued after a sentence, after a run of no-break spaces.
    (
        "Ia pulang, Kamis.\u00a0\u00a0\u00a0Reporter: Bachtiarudin Alam",
        ["Ia pulang, Kamis.", "Reporter: Bachtiarudin Alam"],
    ),
    ("Sidang ditunda.Editor: Achmad Zaenal M", ["Sidang ditunda.", "Editor: Achmad Zaenal M"]),
    # "Editor" inside a sentence is a word.
    ("Kata Editor senior itu, harga naik.", ["Kata Editor senior itu, harga naik."]),
    # A video's caption glued to its plug goes with it; a sentence after a space does not.
    (
        "pungkas dia.Simak video pilihan berikut:Perdana Menteri Jepang menegaskan pentingnya ekonomi."
        "Selanjutnya: Memiliki Banyak Manfaat",
        [
            "pungkas dia.",
            "Simak video pilihan berikut:Perdana Menteri Jepang menegaskan pentingnya ekonomi.",
            "Selanjutnya: Memiliki Banyak Manfaat",
        ],
    ),
    (
        "Ia pergi. Simak video berikut ini: Harga naik lagi. Kalimat.",
        ["Ia pergi.", "Simak video berikut ini:", "Harga naik lagi. Kalimat."],
    ),
    # "Video:" inside a quoted video title is the title's.
    (
        'Ia pergi. Simak Video "Video: Alasan KPK Umumkan Tersangka" [Gambas:Video 20detik]',
        ["Ia pergi.", 'Simak Video "Video: Alasan KPK Umumkan Tersangka"', "[Gambas:Video 20detik]"],
    ),
    # A caption glued between a crosshead and the next sentence, cut at the last glue point.
    (
        "Harga naik.2 dari 2 halamanMemiliki Banyak ManfaatIlustrasi (iStock)Menteri inovasi berbicara.",
        [
            "Harga naik.",
            "2 dari 2 halaman",
            "Memiliki Banyak Manfaat",
            "Ilustrasi (iStock)",
            "Menteri inovasi berbicara.",
        ],
    ),
    (
        "Ia pulang. Gubernur Bengkulu, Rohidin Mersyah (Foto: Ist) Dia menambahkan.",
        ["Ia pulang.", "Gubernur Bengkulu, Rohidin Mersyah (Foto: Ist)", "Dia menambahkan."],
    ),
    # A credit inside a sentence is not a caption's.
    ("Ia menunjukkan foto (Dok. pribadi) lalu pergi.", ["Ia menunjukkan foto (Dok. pribadi) lalu pergi."]),
    # "(c) Outlet/Name" with its caption, on its own line or glued to the next sentence.
    (
        "Andrew Jung mengeksekusi penalti, Jumat (18/4/2025). (c) PERSIB.co.id/Fernando Hero",
        ["Andrew Jung mengeksekusi penalti, Jumat (18/4/2025). (c) PERSIB.co.id/Fernando Hero"],
    ),
    (
        "Ridho merayakan gol. (c) Bola.net/M Iqbal IchsanPelatih Persib kecewa.",
        ["Ridho merayakan gol. (c) Bola.net/M Iqbal Ichsan", "Pelatih Persib kecewa."],
    ),
    ("Republika mencatat. Loading... Ikuti kanal kami.", ["Republika mencatat.", "Loading...", "Ikuti kanal kami."]),
    # Sentence-case titles in one-line text (ANTARA's): the title ends where a sentence plainly
    # starts: an opener, a capitalised run a reporting verb follows (from the office), the next label.
    (
        "Warga lega. Baca juga: Guru olahraga di Jawa Barat bertambah Menurut dia, jumlahnya naik.",
        ["Warga lega.", "Baca juga: Guru olahraga di Jawa Barat bertambah", "Menurut dia, jumlahnya naik."],
    ),
    (
        "Warga lega. Baca juga: Banjir rendam rumah di Bekasi Baca juga: Warga Cucuta antre pangan"
        " Sementara itu ia pergi.",
        [
            "Warga lega.",
            "Baca juga: Banjir rendam rumah di Bekasi",
            "Baca juga: Warga Cucuta antre pangan",
            "Sementara itu ia pergi.",
        ],
    ),
    (
        "Ia pergi. Baca juga: Polisi jaga gereja selama Natal Kapolres Metro Jakarta Selatan Budi mengatakan aman.",
        [
            "Ia pergi.",
            "Baca juga: Polisi jaga gereja selama Natal",
            "Kapolres Metro Jakarta Selatan Budi mengatakan aman.",
        ],
    ),
    (
        "Ia pergi. Baca juga: Polisi jaga gereja selama Natal Gubernur Anies meninjau lokasi.",
        ["Ia pergi.", "Baca juga: Polisi jaga gereja selama Natal", "Gubernur Anies meninjau lokasi."],
    ),
    (
        "Ia pergi. Baca juga: Harga cabai turun jelang akhir pekan Budi Santoso mengatakan harga turun.",
        ["Ia pergi.", "Baca juga: Harga cabai turun jelang akhir pekan", "Budi Santoso mengatakan harga turun."],
    ),
    (
        "Ia pergi. Baca juga: Harga cabai turun jelang akhir pekan",
        ["Ia pergi.", "Baca juga: Harga cabai turun jelang akhir pekan"],
    ),
    # A capitalised subject is kept whole where a sentence starts inside it (its head word).
    (
        "Ia pergi. Baca: Harga Beras Naik di Pasar Badan Pusat Statistik mencatat luas panen naik.",
        ["Ia pergi.", "Baca: Harga Beras Naik di Pasar", "Badan Pusat Statistik mencatat luas panen naik."],
    ),
    # A bare label: the titles glued to it, or the label alone where a sentence follows.
    (
        "Sungai meluap.Baca JugaPemkab Gelar Pasar MurahJalan Provinsi Rusak, Warga Tanam PisangTim SAR tiba.",
        [
            "Sungai meluap.",
            "Baca JugaPemkab Gelar Pasar MurahJalan Provinsi Rusak, Warga Tanam Pisang",
            "Tim SAR tiba.",
        ],
    ),
    (
        "Harga naik. Baca Juga Pedagang menyambut baik kebijakan itu karena harga gabah naik.",
        ["Harga naik.", "Baca Juga", "Pedagang menyambut baik kebijakan itu karena harga gabah naik."],
    ),
    # A credit line with several sources, glued to the dateline.
    (
        "Sumber: BBC,Reuters | Editor: Syamsul Azhar KONTAN.CO.ID - JAKARTA. China menaikkan tarif.",
        ["Sumber: BBC,Reuters | Editor: Syamsul Azhar", "KONTAN.CO.ID - JAKARTA. China menaikkan tarif."],
    ),
    # A bare label glued to a sentence (its titles stripped): the label alone, also before a quotation.
    (
        "Porsi dibagikan.Baca JugaTPA Randegan memiliki luas area 6 Ha. Sampah masuk.",
        ["Porsi dibagikan.", "Baca Juga", "TPA Randegan memiliki luas area 6 Ha. Sampah masuk."],
    ),
    (
        "Baca JugaTidak hanya membentuk satgas, Heru mewajibkan gedung tinggi memasang alat.",
        ["Baca Juga", "Tidak hanya membentuk satgas, Heru mewajibkan gedung tinggi memasang alat."],
    ),
    (
        "ujarnya.Baca Juga“Komoditas jagung masih aman,” katanya.",
        ["ujarnya.", "Baca Juga", "“Komoditas jagung masih aman,” katanya."],
    ),
    (
        "Warga lega.Baca juga: “Harga Cabai Naik Lagi”Pedagang senang.",
        ["Warga lega.", "Baca juga: “Harga Cabai Naik Lagi”", "Pedagang senang."],
    ),
    # A sentence that runs on to a camel-case word is not a title ended by a glue point.
    (
        "Ia pergi. Baca Juga: Pesawat Boeing Kembali ke AS, Jadi Korban Tarif Trump Pesawat jenis 737 MAX lepas landas"
        " dari pusat penyelesaian Boeing di Zhoushan, dekat Shanghai, pada Senin pagi dan menuju Guam, menurut data"
        " situs pelacakan AirNav Radar. Guam jauh.",
        [
            "Ia pergi.",
            "Baca Juga: Pesawat Boeing Kembali ke AS, Jadi Korban Tarif Trump",
            "Pesawat jenis 737 MAX lepas landas dari pusat penyelesaian Boeing di Zhoushan, dekat Shanghai, pada Senin"
            " pagi dan menuju Guam, menurut data situs pelacakan AirNav Radar. Guam jauh.",
        ],
    ),
    # Pagination teasers and a capitalised author ending one-line text; lower-cased credits.
    ("Pedagang rugi. Lanjut ke halaman berikutnya", ["Pedagang rugi.", "Lanjut ke halaman berikutnya"]),
    ("Pedagang rugi.BACA SELENGKAPNYA DI SINI", ["Pedagang rugi.", "BACA SELENGKAPNYA DI SINI"]),
    ("Harga naik, kata dia.ANDI PRASETYO", ["Harga naik, kata dia.", "ANDI PRASETYO"]),
    ("Harga naik, kata PBNU. DPR MENOLAK usul itu.", ["Harga naik, kata PBNU. DPR MENOLAK usul itu."]),
    ("harga naik. pewarta: rina astuti editor: budi", ["harga naik.", "pewarta: rina astuti editor: budi"]),
    # Footers glued to the last sentence, found by their rules' own first words.
    (
        "Pelatih puas. (rds/arh)Download Apps CNN Indonesia sekarang https://app.cnnindonesia.com/",
        ["Pelatih puas. (rds/arh)", "Download Apps CNN Indonesia sekarang https://app.cnnindonesia.com/"],
    ),
    ("Warga mengungsi.KEYWORD :Banjir Jakarta", ["Warga mengungsi.", "KEYWORD :Banjir Jakarta"]),
    ("Polisi menyebut KEYWORD : sandi itu.", ["Polisi menyebut KEYWORD : sandi itu."]),
    # Markers and captions glued at the page's edges.
    ("Harga naik.AdvertisementKenaikan berlaku.", ["Harga naik.", "Advertisement", "Kenaikan berlaku."]),
    (
        "Petani memanen padi. [TEMPO/Andi Prasetyo]TEMPO.CO, Jakarta - Produksi naik.",
        ["Petani memanen padi. [TEMPO/Andi Prasetyo]", "TEMPO.CO, Jakarta - Produksi naik."],
    ),
    (
        "Gubernur meninjau banjir (foto: Antara) Jakarta - Banjir merendam kota.",
        ["Gubernur meninjau banjir (foto: Antara)", "Jakarta - Banjir merendam kota."],
    ),
    # An ANTARA dateline glued after a pull quote with no stop, or cut mid-word at its length bound.
    (
        "Isu kemiskinan menjadi perhatianMataram (ANTARA) - Capres berkunjung.",
        ["Isu kemiskinan menjadi perhatian", "Mataram (ANTARA) -", "Capres berkunjung."],
    ),
    (
        "Rute ini akhirnya resmi bJakarta (ANTARA) - Bandara dibuka.",
        ["Rute ini akhirnya resmi b", "Jakarta (ANTARA) -", "Bandara dibuka."],
    ),
    (
        "Museum kelas duniaDubai, UEA (ANTARA) - Otorita menyiapkan museum.",
        ["Museum kelas dunia", "Dubai, UEA (ANTARA) -", "Otorita menyiapkan museum."],
    ),
    # A stop glued inside: the sentence's end, not part of the place ("Aceh." stays with its sentence).
    (
        "Beras itu untuk operasi pasar di Aceh.Banda Aceh (ANTARA) - Bulog menyatakan cukup.",
        ["Beras itu untuk operasi pasar di Aceh.", "Banda Aceh (ANTARA) -", "Bulog menyatakan cukup."],
    ),
    # A place of two words keeps both, at the line's start or after a sentence (not "Banda" left behind).
    ("Banda Aceh (ANTARA) - Harga beras naik.", ["Banda Aceh (ANTARA) -", "Harga beras naik."]),
    (
        "Harga naik. Ia pulang. Bandar Lampung (ANTARA) - Harga beras naik.",
        ["Harga naik. Ia pulang.", "Bandar Lampung (ANTARA) -", "Harga beras naik."],
    ),
    # A truncated title's ellipsis ends it before the next sentence, even one that opens in capitals.
    (
        "Ia pergi. Baca juga: Berebut Suara Pendukung Anies pada Pilkada Jakarta... Maka Dari Itu Partai bergerak.",
        [
            "Ia pergi.",
            "Baca juga: Berebut Suara Pendukung Anies pada Pilkada Jakarta...",
            "Maka Dari Itu Partai bergerak.",
        ],
    ),
    # A plug's quoted title that quotes inside it runs to the quote and colon before the video.
    (
        "Ganjar hadir.Lihat juga Video 'Ganjar Dipanggil 'Gus Im' di Jaksel': [Gambas:Video 20detik]",
        ["Ganjar hadir.", "Lihat juga Video 'Ganjar Dipanggil 'Gus Im' di Jaksel':", "[Gambas:Video 20detik]"],
    ),
    (
        "Kawasan itu berkembang.Bersambung ke halaman selanjutnya.",
        ["Kawasan itu berkembang.", "Bersambung ke halaman selanjutnya."],
    ),
    # "(ANTARA)" with no dash is a source in a sentence, not a dateline.
    (
        "Data itu dikutip dari kantor beritaJakarta (ANTARA) kemarin.",
        ["Data itu dikutip dari kantor beritaJakarta (ANTARA) kemarin."],
    ),
    # No plain start within a title's length: kept whole (flagged), never cut inside a sentence.
    (
        "Ia pergi. Baca juga: Harga cabai turun jelang akhir pekan pedagang di pasar induk kota mengeluh rugi.",
        ["Ia pergi. Baca juga: Harga cabai turun jelang akhir pekan pedagang di pasar induk kota mengeluh rugi."],
    ),
    # A reporting verb after one capitalised word inside the title's first two words is not a start.
    (
        "Ia pergi. Baca juga: Budi mengatakan harga cabai turun tajam pekan ini di pasar induk, lalu pulang.",
        ["Ia pergi. Baca juga: Budi mengatakan harga cabai turun tajam pekan ini di pasar induk, lalu pulang."],
    ),
]


@pytest.mark.parametrize(("line", "pieces"), SPLITS, ids=[s[0][:40] for s in SPLITS])
def test_split_line(line: str, pieces: list[str]) -> None:
    assert split_line(line)[0] == pieces


@pytest.mark.parametrize(
    ("text", "inner"),
    [("['Harga naik.']", "Harga naik."), ('["Harga naik."]', "Harga naik."), ("[Harga naik.]", "[Harga naik.]")],
)
def test_list_repr_is_unwrapped(text: str, inner: str) -> None:
    assert recover(text)[0] == inner


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        # A photographer's initial split from the name, one element per line.
        (
            ["Timnas berlatih. (c) M", "Iqbal Ichsan", "Menurut dia, bagus."],
            ["Timnas berlatih. (c) M Iqbal Ichsan", "Menurut dia, bagus."],
        ),
        # A footer continued on the next lines.
        (
            ["Artikel ini telah tayang di X.com dengan judul Jembatan Putus", ",", "Warga Menyeberang"],
            ["Artikel ini telah tayang di X.com dengan judul Jembatan Putus, Warga Menyeberang"],
        ),
        # A word of one capital letter before a sentence is not an initial of a name.
        (
            ["Ia masuk kategori A", "Pemerintah lalu mengumumkan hasil seleksi itu kepada semua peserta."],
            ["Ia masuk kategori A", "Pemerintah lalu mengumumkan hasil seleksi itu kepada semua peserta."],
        ),
    ],
)
def test_rejoin_names_and_continued_footers(lines: list[str], joined: list[str]) -> None:
    assert rejoin(lines)[0] == joined
