import Foundation
import Glibc
import VigilTestSupport

// Owns: this target's event lines (the process runner, ports, polling and the loopback
// `_bulk` receiver are VigilTestSupport's, shared with the end-to-end suite).

/// An event line as the daemon spools it (only `event.id` matters to the exporter).
func eventLine(_ n: Int, run: String, extra: String = "") -> String {
    #"{"@timestamp":"2026-11-26T10:00:00.000Z","event":{"id":"\#(run)-\#(n)","kind":"event","action":"test"},"message":"event \#(n)\#(extra)"}"#
}
