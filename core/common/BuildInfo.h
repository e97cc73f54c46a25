#pragma once

#include <string>
#include <utility>
#include <vector>

namespace skyweave {

/// Skyweave's own version ("0.1.0").
std::string versionString();

/// Name and version of every library core links, for `--version` and the About box.
std::vector<std::pair<std::string, std::string>> libraryVersions();

}  // namespace skyweave
