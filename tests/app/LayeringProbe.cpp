// Links skyweave_core alone; CheckLayering.cmake inspects what the result depends on.
#include <cstdio>

#include "common/BuildInfo.h"

int main() {
    std::printf("%s\n", skyweave::versionString().c_str());
    return 0;
}
