import Testing
import VigilConfig
import VigilTestSupport

/// `[archives]`: upload folders open archives, opens only when asked; every limit and
/// verdict is a key, and a bad one names the file, line and key.
@Suite("configuration: [archives]")
struct ArchiveSettingsTests {
    @Test("by default upload folders open archives and the permission path does not")
    func defaults() {
        let a = DaemonConfig().archives
        #expect(a.uploads && !a.open)
        #expect(a.onLimit == "audit" && a.uploadOnLimit == "quarantine" && a.onEncrypted == "allow")
        #expect(a.openMaxUnpacked < a.maxUnpacked, "opens read less of an archive than uploads")
    }

    @Test("every key is read")
    func everyKey() throws {
        let c = try DaemonConfig.parse("""
            [archives]
            open = true
            uploads = false
            max_depth = 2
            max_unpacked = "32M"
            max_ratio = 100
            max_entries = 500
            max_entry_size = "1M"
            max_time_ms = 250
            open_max_unpacked = "2M"
            on_limit = "deny"
            upload_on_limit = "audit"
            on_encrypted = "quarantine"
            """, file: "a.toml")
        let a = c.archives
        #expect(a.open && !a.uploads && a.maxDepth == 2 && a.maxUnpacked == 32 << 20 && a.maxRatio == 100)
        #expect(a.maxEntries == 500 && a.maxEntrySize == 1 << 20 && a.maxTimeMilliseconds == 250 && a.openMaxUnpacked == 2 << 20)
        #expect(a.onLimit == "deny" && a.uploadOnLimit == "audit" && a.onEncrypted == "quarantine")
        let again = try DaemonConfig.parse(c.render(), file: "r.toml")
        #expect(again.archives == a, "the effective configuration reads back the same")
        #expect(try DaemonConfig.parse(DefaultConfigFile.render(signaturePaths: []), file: "d.toml").archives == ArchiveSettings(),
                "the installed config spells out the defaults")
    }

    @Test("bad values name the file, line and key", arguments: [
        ("[archives]\nopen = \"yes\"\n", "t.toml:2: archives.open: expected true or false"),
        ("[archives]\n\nmax_depth = 0\n", "t.toml:3: archives.max_depth: must be 1 to 32"),
        ("[archives]\nmax_unpacked = \"12 parsecs\"\n", "t.toml:2: archives.max_unpacked: '12 parsecs' is not a size"),
        ("[archives]\nmax_unpacked = \"100G\"\n", "t.toml:2: archives.max_unpacked: must be 1M to 64G"),
        ("[archives]\nmax_ratio = 1\n", "t.toml:2: archives.max_ratio: must be 2 to 100000"),
        ("[archives]\nmax_entries = 0\n", "t.toml:2: archives.max_entries: must be 1 to 10000000"),
        ("[archives]\nmax_entry_size = \"2G\"\n", "t.toml:2: archives.max_entry_size: must be 4K to 1G"),
        ("[archives]\nmax_time_ms = 1\n", "t.toml:2: archives.max_time_ms: must be 10 to 3600000"),
        ("[archives]\nopen_max_unpacked = 1\n", "t.toml:2: archives.open_max_unpacked: must be 64K to 1G"),
        ("[archives]\non_limit = \"block\"\n", "t.toml:2: archives.on_limit: must be \"allow\" (a note only), \"audit\""),
        ("[archives]\nupload_on_limit = \"ignore\"\n", "t.toml:2: archives.upload_on_limit: must be"),
        ("[archives]\non_encrypted = 1\n", "t.toml:2: archives.on_encrypted: expected a string"),
        ("[archives]\nmax_recursion = 3\n", "t.toml:2: archives.max_recursion: unknown setting"),
    ])
    func errors(_ text: String, _ expected: String) {
        do {
            _ = try DaemonConfig.parse(text, file: "t.toml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error)")
        }
    }
}
