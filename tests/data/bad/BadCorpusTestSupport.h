#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "BadCorpus.h"
#include "TempDir.h"
#include "common/Errors.h"

namespace skyweave::test {

/// GoogleTest prints a case by its name.
inline void PrintTo(const BadCase& c, std::ostream* os) {
    *os << c.name;
}

/// The manifest's cases, read once.
inline const std::vector<BadCase>& badCases() {
    static const std::vector<BadCase> kCases = readBadCases(badCaseManifest());
    return kCases;
}

/// The corpus, written once per test process into a temporary folder (removed at exit).
inline std::filesystem::path badCorpusDir() {
    static const TempDir kDir;
    static const bool kWritten = (writeBadCorpus(kDir.path(), badCases()), true);
    (void)kWritten;
    return kDir.path();
}

/// "fits-truncated-header" → "fits_truncated_header" (GoogleTest parameter names are identifiers).
inline std::string badCaseTestName(const ::testing::TestParamInfo<BadCase>& info) {
    std::string name = info.param.name;
    for (char& ch : name)
        if (ch == '-') ch = '_';
    return name;
}

/// `f` must throw a SkyweaveError (bad input or I/O) whose message names the case's file and cause.
inline void expectBadInputError(const std::function<void()>& f, const BadCase& c) {
    try {
        f();
        ADD_FAILURE() << c.name << ": no error";
    } catch (const SkyweaveError& e) {
        const std::string what = e.what();
        EXPECT_TRUE(e.kind() == ErrorKind::BadInput || e.kind() == ErrorKind::Io)
            << c.name << ": kind " << static_cast<int>(e.kind());
        EXPECT_NE(what.find(c.blamed), std::string::npos)
            << c.name << ": the message does not name " << c.blamed << ": " << what;
        EXPECT_NE(what.find(c.cause), std::string::npos)
            << c.name << ": the message lacks '" << c.cause << "': " << what;
    } catch (const std::exception& e) {
        ADD_FAILURE() << c.name << ": not a SkyweaveError: " << e.what();
    }
}

}  // namespace skyweave::test
