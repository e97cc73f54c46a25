#pragma once

#include <filesystem>
#include <string>

namespace skyweave {

/// An input frame left out of a run, and why ("unreadable: …", "size 100×80 differs from the reference
/// 2048×2048").
struct SkippedFrame {
    std::filesystem::path path;
    std::string reason;
};

}  // namespace skyweave
