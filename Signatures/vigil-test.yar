// Test signatures for administrators and Vigil's own tests: a file holding the
// marker "VIGIL-TEST-MARKER-" + "DENY" (ASCII or UTF-16LE) is denied; the one ending
// in "AUDIT" is only audited.
rule Vigil_Test_Marker
{
    meta:
        description = "Vigil test marker (deny)"
        vigil_action = "deny"
    strings:
        // the deny marker, as hex so this file does not match itself
        $m = { 56 49 47 49 4C 2D 54 45 53 54 2D 4D 41 52 4B 45 52 2D 44 45 4E 59 }
        $w = { 56 00 49 00 47 00 49 00 4C 00 2D 00 54 00 45 00 53 00 54 00 2D 00 4D 00 41 00 52 00 4B 00 45 00 52 00 2D 00 44 00 45 00 4E 00 59 00 }
    condition:
        any of them
}

rule Vigil_Test_Marker_Audit
{
    meta:
        description = "Vigil test marker (audit only)"
        vigil_action = "audit"
    strings:
        // the audit marker
        $m = { 56 49 47 49 4C 2D 54 45 53 54 2D 4D 41 52 4B 45 52 2D 41 55 44 49 54 }
    condition:
        $m
}
