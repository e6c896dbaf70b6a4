"""Strings of presentation mode, saved views and stories (``present=1``, ``v=``, ``story=``, the Stories page)."""

STRINGS: dict[str, dict[str, str]] = {
    # URL keys
    "url.token": {
        "id": "{key}='{value}' bukan token tautan (8 sampai 64 huruf, angka, '_' atau '-'); diabaikan.",
        "en": "{key}='{value}' is not a link token (8 to 64 letters, digits, '_' or '-'); it is ignored.",
    },
    "auth.action.save_views": {"id": "simpan tampilan dan buat cerita", "en": "save views and make stories"},
    # opening a saved view or a story
    "present.view.unknown": {
        "id": "Tampilan tersimpan '{token}' tidak ditemukan, sudah dihapus, atau hanya terbuka bagi analis yang sudah "
        "masuk; menampilkan peta bawaan.",
        "en": "Saved view '{token}' was not found, was deleted, or opens only for a signed-in analyst; "
        "showing the default map.",
    },
    "present.story.unknown": {
        "id": "Cerita '{token}' tidak ditemukan, sudah dihapus, atau hanya terbuka bagi analis yang sudah masuk; "
        "menampilkan peta bawaan.",
        "en": "Story '{token}' was not found, was deleted, or opens only for a signed-in analyst; "
        "showing the default map.",
    },
    "present.story.empty": {
        "id": "Cerita '{title}' belum punya langkah: tambahkan tampilan tersimpan di halaman Cerita.",
        "en": "Story '{title}' has no steps yet: add saved views to it on the Stories page.",
    },
    "present.story.step_corrected": {
        "id": "Cerita '{title}' hanya punya {count} langkah; menampilkan langkah {step}.",
        "en": "Story '{title}' has only {count} steps; showing step {step}.",
    },
    # presentation mode
    "present.button": {"id": "Presentasi", "en": "Present"},
    "present.button.help": {
        "id": "Tampilkan peta ini memenuhi jendela (tanpa panel samping, kontrol dan tabel); tautannya memakai present=1.",
        "en": "Show this map over the whole window (no sidebar, controls or table); its link carries present=1.",
    },
    "present.exit": {"id": "Keluar presentasi", "en": "Exit presentation"},
    "present.prev": {"id": "◀ Sebelumnya", "en": "◀ Previous"},
    "present.next": {"id": "Berikutnya ▶", "en": "Next ▶"},
    "present.step_of": {"id": "Langkah {step} dari {count}", "en": "Step {step} of {count}"},
    "present.keys_hint": {
        "id": "Tombol panah kiri/kanan berpindah langkah.",
        "en": "Left/right arrow keys change the step.",
    },
    "present.title": {"id": "{area} — {what}", "en": "{area} — {what}"},
    "present.no_data_title": {"id": "{area} — {level}", "en": "{area} — {level}"},
    "present.sources": {"id": "Sumber data: {sources}", "en": "Data source: {sources}"},
    "present.flows_title": {"id": "Aliran dari {area}{country}{period}", "en": "Flows from {area}{country}{period}"},
    # save view
    "present.save.heading": {"id": "Simpan tampilan", "en": "Save view"},
    "present.save.title": {"id": "Judul", "en": "Title"},
    "present.save.title_help": {
        "id": "Nama tampilan ini di daftar tampilan tersimpan dan di cerita.",
        "en": "This view's name in the list of saved views and in stories.",
    },
    "present.save.note": {"id": "Catatan (opsional)", "en": "Note (optional)"},
    "present.save.submit": {"id": "Simpan", "en": "Save"},
    "present.save.title_missing": {
        "id": "Beri judul tampilan ini dulu, lalu tekan Simpan lagi.",
        "en": "Give this view a title first, then press Save again.",
    },
    "present.save.done": {
        "id": "Tampilan '{title}' tersimpan. Tautan pendeknya (salin dan bagikan):",
        "en": "View '{title}' saved. Its short link (copy and share):",
    },
    "present.save.restricted_note": {
        "id": "Tampilan ini memakai data terbatas: tautannya hanya terbuka bagi analis yang sudah masuk.",
        "en": "This view uses restricted data: its link opens only for a signed-in analyst.",
    },
    # Stories page
    "stories.nav": {"id": "Cerita", "en": "Stories"},
    "stories.title": {"id": "Cerita", "en": "Stories"},
    "stories.intro": {
        "id": "Cerita adalah urutan tampilan tersimpan, masing-masing dengan keterangan. Simpan tampilan di halaman "
        "Peta (tombol \"Simpan tampilan\"), susun ceritanya di sini, lalu bagikan satu tautan: tautan itu membuka "
        "langkah pertama memenuhi layar, tombol panah berpindah langkah.",
        "en": "A story is an ordered list of saved views, each with a caption. Save views on the Map page (the "
        "\"Save view\" button), arrange the story here, then share one link: it opens the first step full-screen "
        "and the arrow keys step through it.",
    },
    "stories.not_allowed": {
        "id": "Hanya analis yang sudah masuk yang dapat menyimpan tampilan dan menyusun cerita.",
        "en": "Only signed-in analysts can save views and arrange stories.",
    },
    "stories.views.heading": {"id": "Tampilan tersimpan", "en": "Saved views"},
    "stories.views.none": {
        "id": "Belum ada tampilan tersimpan: buka halaman Peta dan tekan \"Simpan tampilan\".",
        "en": "No saved views yet: open the Map page and press \"Save view\".",
    },
    "stories.views.item": {"id": "{title} · dibuat {created}", "en": "{title} · made {created}"},
    "stories.views.restricted": {"id": "terbatas", "en": "restricted"},
    "stories.views.delete": {"id": "Hapus tampilan", "en": "Delete view"},
    "stories.views.deleted": {"id": "Tampilan '{title}' dihapus.", "en": "View '{title}' deleted."},
    "stories.new.heading": {"id": "Cerita baru", "en": "New story"},
    "stories.new.title": {"id": "Judul cerita", "en": "Story title"},
    "stories.new.views": {"id": "Tampilan, berurutan", "en": "Views, in order"},
    "stories.new.submit": {"id": "Buat cerita", "en": "Create story"},
    "stories.new.missing": {
        "id": "Beri judul dan pilih setidaknya satu tampilan tersimpan.",
        "en": "Give a title and choose at least one saved view.",
    },
    "stories.new.done": {"id": "Cerita '{title}' dibuat.", "en": "Story '{title}' created."},
    "stories.list.heading": {"id": "Cerita", "en": "Stories"},
    "stories.list.none": {"id": "Belum ada cerita.", "en": "No stories yet."},
    "stories.story.label": {"id": "{title} ({count} langkah)", "en": "{title} ({count} steps)"},
    "stories.story.link": {
        "id": "Tautan presentasi (salin dan bagikan):",
        "en": "Presentation link (copy and share):",
    },
    "stories.story.title": {"id": "Judul", "en": "Title"},
    "stories.story.caption": {"id": "Keterangan langkah {step} ({view})", "en": "Caption of step {step} ({view})"},
    "stories.story.missing_view": {"id": "tampilan terhapus", "en": "deleted view"},
    "stories.story.up": {"id": "↑", "en": "↑"},
    "stories.story.up_help": {"id": "Naikkan langkah ini", "en": "Move this step up"},
    "stories.story.down": {"id": "↓", "en": "↓"},
    "stories.story.down_help": {"id": "Turunkan langkah ini", "en": "Move this step down"},
    "stories.story.remove": {"id": "✕", "en": "✕"},
    "stories.story.remove_help": {"id": "Keluarkan langkah ini dari cerita", "en": "Remove this step from the story"},
    "stories.story.add": {"id": "Tambah tampilan", "en": "Add a view"},
    "stories.story.add_submit": {"id": "Tambahkan", "en": "Add"},
    "stories.story.save": {"id": "Simpan judul & keterangan", "en": "Save title & captions"},
    "stories.story.saved": {"id": "Cerita '{title}' disimpan.", "en": "Story '{title}' saved."},
    "stories.story.delete": {"id": "Hapus cerita", "en": "Delete story"},
    "stories.story.deleted": {"id": "Cerita '{title}' dihapus.", "en": "Story '{title}' deleted."},
    "stories.story.present": {"id": "Presentasikan", "en": "Present"},
}
