// An unsealed shared library, as an attacker's LD_PRELOAD or planted plugin would be:
// mapping it executable into an agent must be refused. It does nothing itself.
int vigil_evil_marker(void) { return 42; }
