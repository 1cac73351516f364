// /etc/vigil/signatures/local.yar: this machine's own YARA rules (kept on upgrade).
// Every .yar, .yara, compiled .yarc and hash list (.hdb, .hsb, .sha256) in this folder
// is loaded with the bundled rules in /usr/share/vigil/signatures.
// After a change: vigil rules check --config /etc/vigil/vigil.toml && systemctl reload vigil
// (while self-protection is on, open a window first: vigil maintenance begin --reason "new rule").
//
// rule local_example
// {
//     meta:
//         description = "an example: a marker string of this site's own"
//         verdict = "deny"
//     strings:
//         $a = "LOCAL-EXAMPLE-MARKER-DO-NOT-USE"
//     condition:
//         $a
// }
