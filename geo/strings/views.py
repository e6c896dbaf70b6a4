"""Strings of saved views and stories (geo/data/views.py errors, ``riskmap views|stories``, story export)."""

STRINGS: dict[str, dict[str, str]] = {
    # errors of geo.data.views (ViewError key/values)
    "views.error.not_text": {"id": "Isian '{field}' harus berupa teks.", "en": "The {field} must be text."},
    "views.error.empty_title": {
        "id": "Judul kosong; beri tampilan atau cerita ini sebuah judul.",
        "en": "The title is empty; give the view or story a title.",
    },
    "views.error.too_long_title": {
        "id": "Judul berisi {length} karakter; perpendek menjadi paling banyak {limit}.",
        "en": "The title has {length} characters; shorten it to at most {limit}.",
    },
    "views.error.too_long_note": {
        "id": "Catatan berisi {length} karakter; perpendek menjadi paling banyak {limit}.",
        "en": "The note has {length} characters; shorten it to at most {limit}.",
    },
    "views.error.too_long_caption": {
        "id": "Keterangan berisi {length} karakter; perpendek menjadi paling banyak {limit}.",
        "en": "The caption has {length} characters; shorten it to at most {limit}.",
    },
    "views.error.query": {
        "id": "Kunci tampilan harus berupa pemetaan kunci URL ke teks.",
        "en": "A view's keys must be a mapping of URL keys to text.",
    },
    "views.error.too_many_keys": {
        "id": "Satu tampilan paling banyak memiliki {limit} kunci URL, bukan {count}.",
        "en": "A view has at most {limit} URL keys, not {count}.",
    },
    "views.error.bad_key": {
        "id": "Kunci URL '{key}' tidak diizinkan: gunakan huruf, angka dan '_'.",
        "en": "The URL key '{key}' is not allowed: use letters, digits and '_'.",
    },
    "views.error.bad_value": {
        "id": "Nilai kunci URL '{key}' harus berupa teks paling banyak {limit} karakter.",
        "en": "The value of the URL key '{key}' must be text of at most {limit} characters.",
    },
    "views.error.token": {
        "id": "Tidak ditemukan token yang bebas; coba lagi.",
        "en": "No free token was found; try again.",
    },
    "views.error.unknown_view": {
        "id": "Tidak ada tampilan tersimpan '{token}'; jalankan `riskmap views list`.",
        "en": "There is no saved view '{token}'; run `riskmap views list`.",
    },
    "views.error.unknown_story": {
        "id": "Tidak ada cerita '{token}'; jalankan `riskmap stories list`.",
        "en": "There is no story '{token}'; run `riskmap stories list`.",
    },
    "views.error.view_in_story": {
        "id": "Tampilan '{token}' adalah langkah dalam cerita {stories}; hapus dulu dari cerita itu.",
        "en": "The view '{token}' is a step of the story {stories}; remove it from the story first.",
    },
    "views.error.too_many_steps": {
        "id": "Satu cerita paling banyak memiliki {limit} langkah, bukan {count}.",
        "en": "A story has at most {limit} steps, not {count}.",
    },
    "views.error.audience": {
        "id": "Audiens '{audience}' tidak dikenal; gunakan public atau analyst.",
        "en": "Unknown audience '{audience}'; use public or analyst.",
    },
    # the exported story (geo/web/story_export.py, templates/story.html.j2)
    "views.export.previous": {"id": "← Sebelumnya", "en": "← Previous"},
    "views.export.next": {"id": "Berikutnya →", "en": "Next →"},
    "views.export.position": {"id": "Langkah {n} dari {total}", "en": "Step {n} of {total}"},
    "views.export.map_label": {"id": "Peta langkah ini", "en": "Map of this step"},
    "views.export.analyst_warning": {
        "id": "Untuk analis saja: berkas ini memuat jumlah kecil yang tidak disamarkan dan mungkin data terbatas. "
        "Jangan dibagikan ke publik.",
        "en": "For analysts only: this file holds small counts that are not suppressed and possibly restricted data. "
        "Do not share it publicly.",
    },
    "views.export.step_message": {"id": "Langkah {step}: {message}", "en": "Step {step}: {message}"},
    "views.export.missing_view": {
        "id": "Langkah {step} cerita ini menampilkan tampilan '{token}', yang sudah tidak ada.",
        "en": "Step {step} of the story shows the view '{token}', which no longer exists.",
    },
    "views.export.restricted": {
        "id": "Langkah {step} ({title}) menampilkan dataset terbatas: berkas publik tidak boleh memuatnya. Ekspor "
        "dengan --audience analyst (hanya untuk analis) atau keluarkan langkah itu dari cerita.",
        "en": "Step {step} ({title}) shows a restricted dataset: a public file cannot hold it. Export with "
        "--audience analyst (only for analysts) or take the step out of the story.",
    },
    "views.export.no_steps": {
        "id": "Cerita '{token}' belum memiliki langkah; tambahkan tampilan tersimpan terlebih dahulu.",
        "en": "The story '{token}' has no steps yet; add saved views to it first.",
    },
    # riskmap views / riskmap stories (geo/cli/views.py)
    "views.cli.help": {
        "id": "tampilan tersimpan (tautan pendek /?v=TOKEN): daftar, tampilkan, hapus",
        "en": "saved views (short links /?v=TOKEN): list, show, delete",
    },
    "views.cli.description": {
        "id": "Tampilan tersimpan: kunci URL sebuah halaman, judul dan catatan di bawah token acak; /?v=TOKEN "
        "membukanya lagi. Tampilan atas dataset terbatas hanya terbuka bagi analis yang sudah masuk.",
        "en": "Saved views: a page's URL keys, a title and a note under a random token; /?v=TOKEN opens it "
        "again. A view over a restricted dataset opens only for a signed-in analyst.",
    },
    "views.cli.list_help": {"id": "daftar tampilan tersimpan, terbaru dulu", "en": "list saved views, newest first"},
    "views.cli.show_help": {
        "id": "tampilkan satu tampilan: judul, catatan, tautan, kunci URL",
        "en": "show one view: title, note, link, URL keys",
    },
    "views.cli.delete_help": {
        "id": "hapus tampilan tersimpan (ditolak selama sebuah cerita memakainya)",
        "en": "delete a saved view (refused while a story uses it)",
    },
    "views.cli.token_help": {"id": "token tampilan (dari `riskmap views list`)", "en": "the view's token (from "
                             "`riskmap views list`)"},
    "views.cli.json_help": {"id": "cetak JSON", "en": "print JSON"},
    "views.cli.stories_help": {
        "id": "cerita (tampilan tersimpan berurutan dengan keterangan): daftar, tampilkan, ekspor ke HTML luring",
        "en": "stories (saved views in order, with captions): list, show, export as offline HTML",
    },
    "views.cli.stories_description": {
        "id": "Cerita: tampilan tersimpan berurutan, masing-masing dengan keterangan. Aplikasi menampilkannya "
        "dengan present=1&story=TOKEN; `stories export` menulisnya sebagai satu berkas HTML yang terbuka luring.",
        "en": "Stories: saved views in order, each with a caption. The app steps through them with "
        "present=1&story=TOKEN; `stories export` writes one HTML file that opens offline.",
    },
    "views.cli.stories_list_help": {"id": "daftar cerita, terbaru dulu", "en": "list stories, newest first"},
    "views.cli.stories_show_help": {
        "id": "tampilkan langkah-langkah satu cerita",
        "en": "show the steps of one story",
    },
    "views.cli.story_token_help": {"id": "token cerita (dari `riskmap stories list`)",
                                   "en": "the story's token (from `riskmap stories list`)"},
    "views.cli.export_help": {
        "id": "tulis cerita sebagai satu berkas HTML luring (semua peta dan keterangan)",
        "en": "write a story as one offline HTML file (every map and caption)",
    },
    "views.cli.export_description": {
        "id": "Tulis satu berkas HTML berisi peta dan keterangan setiap langkah, dengan Leaflet dan data di "
        "dalamnya: terbuka tanpa internet. Tombol dan tombol panah berpindah langkah. Audiens public (bawaan) "
        "menyamarkan jumlah kecil dan menolak tampilan terbatas; analyst menampilkan semua jumlah.",
        "en": "Write one HTML file with every step's map and caption, Leaflet and data inlined: it opens "
        "without internet. Buttons and the arrow keys step. The public audience (default) suppresses small "
        "counts and refuses restricted views; analyst shows every count.",
    },
    "views.cli.out_help": {"id": "berkas tujuan, mis. cerita.html", "en": "where to write it, e.g. story.html"},
    "views.cli.audience_help": {
        "id": "public (bawaan: jumlah kecil disamarkan) atau analyst (semua jumlah; jangan dibagikan)",
        "en": "public (default: small counts suppressed) or analyst (every count; do not share)",
    },
    "views.cli.export_lang_help": {
        "id": "bahasa berkas dan pesan (bawaan: bahasa jalannya perintah, lihat riskmap --lang)",
        "en": "language of the file and messages (default: the run's, see riskmap --lang)",
    },
    "views.cli.restricted": {"id": "terbatas", "en": "restricted"},
    "views.cli.no_views": {"id": "belum ada tampilan tersimpan", "en": "no saved views"},
    "views.cli.no_stories": {"id": "belum ada cerita", "en": "no stories"},
    "views.cli.link": {"id": "Tautan", "en": "Link"},
    "views.cli.note": {"id": "Catatan", "en": "Note"},
    "views.cli.created_by": {"id": "Dibuat oleh", "en": "Created by"},
    "views.cli.steps": {"id": "{count} langkah", "en": "{count} steps"},
    "views.cli.deleted": {"id": "tampilan {token} ({title}) dihapus", "en": "deleted view {token} ({title})"},
    "views.cli.exported": {
        "id": "{path} ditulis: {steps} langkah, {size} KB, audiens {audience}; terbuka luring",
        "en": "wrote {path}: {steps} steps, {size} KB, audience {audience}; opens offline",
    },
}

# Personal data in a title, note or caption (geo.data.views, detector geo.data.personal): one key per field and
# kind, "views.error.personal_<title|note|caption>.<nik|phone|email|passport|name>", values {masked} (and {step}
# for a caption), built from the three tables below so that the sentence is written once per language.
_PERSONAL_FIELDS: dict[str, dict[str, str]] = {
    "title": {"id": "Judul", "en": "The title"},
    "note": {"id": "Catatan", "en": "The note"},
    "caption": {"id": "Keterangan langkah {step}", "en": "The caption of step {step}"},
}
_PERSONAL_KINDS: dict[str, dict[str, str]] = {
    "nik": {"id": "NIK (nomor induk kependudukan)", "en": "a NIK (national identity number)"},
    "phone": {"id": "nomor telepon", "en": "a phone number"},
    "email": {"id": "alamat e-mail", "en": "an e-mail address"},
    "passport": {"id": "nomor paspor", "en": "a passport number"},
    "name": {"id": "nama orang", "en": "a person's name"},
}
_PERSONAL_SENTENCE: dict[str, str] = {
    "id": "{field} memuat data pribadi, {kind} ({masked}); tidak ada yang disimpan. Hapus data itu lalu simpan "
    "lagi: nama orang, NIK, nomor telepon, nomor paspor dan alamat e-mail tidak pernah disimpan.",
    "en": "{field} holds personal data, {kind} ({masked}); nothing was saved. Remove it and save again: "
    "people's names, NIK, phone and passport numbers and e-mail addresses are never stored.",
}
STRINGS.update({
    f"views.error.personal_{field}.{kind}": {
        language: sentence.replace("{field}", field_names[language]).replace("{kind}", kind_names[language])
        for language, sentence in _PERSONAL_SENTENCE.items()
    }
    for field, field_names in _PERSONAL_FIELDS.items()
    for kind, kind_names in _PERSONAL_KINDS.items()
})
