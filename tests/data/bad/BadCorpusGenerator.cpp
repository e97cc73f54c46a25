// Writes Skyweave's bad-input corpus (tests/data/bad/cases.tsv) into a folder:
//   skyweave-bad-corpus DIR [MANIFEST]
// The tests make the same corpus themselves; this program is for looking at the files, for
// seeding fuzzers and for the CTest fixture that checks the generator and manifest agree.
#include <cstdio>
#include <exception>

#include "BadCorpus.h"

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: skyweave-bad-corpus DIR [MANIFEST]\n");
        return 2;
    }
    try {
        const auto manifest = argc == 3 ? std::filesystem::path(argv[2]) : skyweave::test::badCaseManifest();
        const auto cases = skyweave::test::readBadCases(manifest);
        skyweave::test::writeBadCorpus(argv[1], cases);
        std::printf("%zu cases written to %s\n", cases.size(), argv[1]);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "skyweave-bad-corpus: %s\n", e.what());
        return 1;
    }
}
