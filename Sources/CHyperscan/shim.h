// Hyperscan's API as Debian's libhyperscan-dev installs it (Intel's Hyperscan 5.4.0).
// Not Vectorscan: its bookworm build misses matches on AVX-512 machines, and the
// prefilter's start-up self-test refuses a library that does (Prefilter.selfTest).
// Nothing else in Vigil includes <hs.h>.
#include <hs/hs.h>
