import Foundation
import Glibc
import VigilEngine
import VigilSystem

/// The EICAR test string, assembled at run time so this source file is not itself a detection.
package let eicar: [UInt8] = Array(("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*").utf8)
package let denyMarker = "VIGIL-TEST-" + "MARKER-DENY"
package let auditMarker = "VIGIL-TEST-" + "MARKER-AUDIT"

/// The repository root, found from this file's path.
package let repoRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    fatalError("no Package.swift above \(#filePath)")
}()

package let bundledSignatures = repoRoot + "/Signatures"

package let isRoot = geteuid() == 0

package func loadBundled() throws -> Signatures { try Signatures.load([bundledSignatures]) }

/// Scans one path with a fresh scanner through an open descriptor.
package func scanFile(_ path: String, with signatures: Signatures, limits: ScanLimits = ScanLimits()) throws -> FileReport {
    let scanner = try FileScanner(signatures: signatures, limits: limits)
    let file = try OpenFile.open(RawPath(path))
    return scanner.scan(file, path: RawPath(path), stat: try file.stat())
}
