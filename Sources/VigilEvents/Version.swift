// Owns: Vigil's version. Must not: be spelled anywhere else.

/// The one place Vigil's version is written: `vigil --version`, `vigil status` and
/// scripts/package.sh (the Debian package version) read it from here.
public enum VigilVersion {
    public static let current = "0.2.0"
}
