// GoogleTest main with a Qt application object, so tests can use signals, event loops and
// (for the gui label) widgets on the offscreen platform.
#include <gtest/gtest.h>

#include <QtGlobal>

#ifdef SKYWEAVE_TEST_WIDGETS
#include <QApplication>
using TestApplication = QApplication;
#else
#include <QCoreApplication>
using TestApplication = QCoreApplication;
#endif

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    ::testing::InitGoogleTest(&argc, argv);
    TestApplication app(argc, argv);
    return RUN_ALL_TESTS();
}
