#pragma once

#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QString>
#include <filesystem>

#include "tabs/InterpolateTab.h"

namespace skyweave::test {

inline QString qs(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

/// Shows `tab` at a usual size and loads `folder` into it; returns once its previews are on screen.
inline void showSequence(gui::InterpolateTab& tab, const std::filesystem::path& folder) {
    tab.resize(1200, 700);
    tab.show();
    QSignalSpy shown(&tab, &gui::InterpolateTab::previewShown);
    tab.addPaths({qs(folder)});
    ASSERT_TRUE(shown.count() > 0 || shown.wait(10000)) << folder;
}

}  // namespace skyweave::test
