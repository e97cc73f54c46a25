#pragma once

#include <QTemporaryDir>
#include <filesystem>
#include <string>

namespace skyweave::test {

/// A temporary folder removed at the end of the test; paths as std::filesystem.
class TempDir {
public:
    TempDir() : dir_(QDir::tempPath() + "/skyweave-test-XXXXXX") {}
    [[nodiscard]] std::filesystem::path path() const { return dir_.path().toStdString(); }
    [[nodiscard]] std::filesystem::path file(const std::string& name) const { return path() / name; }
    [[nodiscard]] bool valid() const { return dir_.isValid(); }

private:
    QTemporaryDir dir_;
};

}  // namespace skyweave::test
