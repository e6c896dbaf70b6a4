"""Strings of sign-in, roles and restricted datasets (geo.app.auth, pages/signin.py, Data page)."""

STRINGS: dict[str, dict[str, str]] = {
    "auth.nav.signin": {"id": "Masuk", "en": "Sign in"},
    "auth.nav.account": {"id": "Akun", "en": "Account"},
    "auth.single_user": {
        "id": "Mode satu pengguna: belum ada akun, Anda dapat mengunggah, menerbitkan dan mengelola data.",
        "en": "Single-user mode: no accounts exist, you can upload, publish and manage data.",
    },
    "auth.signed_in_as": {"id": "Masuk sebagai {name} ({role})", "en": "Signed in as {name} ({role})"},
    "auth.anonymous": {
        "id": "Pengunjung (hanya dataset publik). Masuk untuk mengunggah atau mengelola data.",
        "en": "Visitor (public datasets only). Sign in to upload or manage data.",
    },
    "auth.role.viewer": {"id": "pengunjung", "en": "viewer"},
    "auth.role.analyst": {"id": "analis", "en": "analyst"},
    "auth.role.admin": {"id": "admin", "en": "admin"},
    "auth.signout": {"id": "Keluar", "en": "Sign out"},
    "auth.signed_out": {"id": "Anda telah keluar.", "en": "You have signed out."},
    "auth.expired": {
        "id": "Sesi Anda telah berakhir. Silakan masuk lagi.",
        "en": "Your session has expired. Please sign in again.",
    },
    "auth.form.title": {"id": "Masuk", "en": "Sign in"},
    "auth.form.intro": {
        "id": "Analis dan admin masuk di sini. Pengunjung tidak perlu masuk: mereka melihat dataset publik.",
        "en": "Analysts and admins sign in here. Visitors need not sign in: they see the public datasets.",
    },
    "auth.form.name": {"id": "Nama pengguna", "en": "User name"},
    "auth.form.password": {"id": "Kata sandi", "en": "Password"},
    "auth.form.submit": {"id": "Masuk", "en": "Sign in"},
    "auth.form.failed": {
        "id": "Nama pengguna atau kata sandi salah. Setelah beberapa kali gagal, percobaan berikutnya diperlambat.",
        "en": "Wrong user name or password. After several failures, further attempts are slowed down.",
    },
    "auth.form.empty": {
        "id": "Isi nama pengguna dan kata sandi.",
        "en": "Enter a user name and a password.",
    },
    "auth.form.no_accounts": {
        "id": "Belum ada akun di aplikasi ini: aplikasi berjalan dalam mode satu pengguna. "
              "Admin membuat akun dengan perintah `riskmap users`.",
        "en": "This app has no accounts yet: it runs in single-user mode. "
              "An admin creates accounts with the `riskmap users` command.",
    },
    "auth.denied": {
        "id": "Tindakan ini ({action}) tidak diizinkan untuk peran Anda ({role}). Masuk sebagai analis atau admin.",
        "en": "This action ({action}) is not allowed for your role ({role}). Sign in as an analyst or admin.",
    },
    "auth.action.upload": {"id": "unggah", "en": "upload"},
    "auth.action.publish": {"id": "terbitkan", "en": "publish"},
    "auth.action.activate": {"id": "aktifkan", "en": "activate"},
    "auth.action.restrict": {"id": "batasi/publikkan", "en": "restrict/publicise"},
    "auth.action.delete": {"id": "hapus", "en": "delete"},
    "auth.action.purge": {"id": "hapus permanen", "en": "purge"},
    "auth.action.manage_users": {"id": "kelola akun", "en": "manage accounts"},
    "auth.action.see_restricted": {"id": "lihat data terbatas", "en": "see restricted data"},
    "auth.small_counts": {"id": "Tampilkan angka kecil", "en": "Show small counts"},
    "auth.small_counts_help": {
        "id": "Hanya untuk analis: tampilkan nilai 1–5 yang disembunyikan di tampilan publik. "
              "Jangan bagikan tampilan atau ekspor ini.",
        "en": "Analysts only: show the values of 1–5 hidden in public views. Do not share this view or its exports.",
    },
    "auth.dataset_unavailable": {
        "id": "Dataset tidak tersedia: {id}.",
        "en": "Dataset not available: {id}.",
    },
    "auth.viewer_data": {
        "id": "Anda melihat dataset publik. Masuk sebagai analis untuk mengunggah dan mengelola data.",
        "en": "You are seeing the public datasets. Sign in as an analyst to upload and manage data.",
    },
    "auth.restrict": {"id": "Batasi (sembunyikan dari pengunjung)", "en": "Restrict (hide from viewers)"},
    "auth.publicise": {"id": "Jadikan publik", "en": "Make public"},
    "auth.restricted_done": {
        "id": "Dataset {label} sekarang terbatas: pengunjung tidak melihatnya.",
        "en": "Dataset {label} is now restricted: viewers do not see it.",
    },
    "auth.publicised_done": {
        "id": "Dataset {label} sekarang publik.",
        "en": "Dataset {label} is now public.",
    },
    "auth.status.restricted": {"id": "terbatas", "en": "restricted"},
    "auth.col.threshold": {"id": "Ambang (k)", "en": "Threshold (k)"},
    "auth.threshold": {"id": "Ambang kerahasiaan (k)", "en": "Disclosure threshold (k)"},
    "auth.threshold_help": {
        "id": "Di tampilan publik, angka di bawah k (dan di atas 0) disembunyikan. Bawaan: 5 untuk migrasi, 10 untuk kasus.",
        "en": "In public views, counts below k (and above 0) are hidden. Default: 5 for migration, 10 for cases.",
    },
    "auth.threshold_set": {"id": "Simpan ambang", "en": "Save threshold"},
    "auth.threshold_done": {
        "id": "Ambang kerahasiaan dataset {label} sekarang {threshold}.",
        "en": "The disclosure threshold of dataset {label} is now {threshold}.",
    },
}
