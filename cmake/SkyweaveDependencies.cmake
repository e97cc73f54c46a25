# Every third-party dependency is a Debian 12 package (packaging/install-deps.sh installs them).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

set(SKYWEAVE_QT_COMPONENTS Core Concurrent)
if(SKYWEAVE_BUILD_GUI)
  # Charts needs Qt6OpenGL's CMake package (libqt6opengl6-dev) to be found at all.
  list(APPEND SKYWEAVE_QT_COMPONENTS Gui Widgets Charts Svg)
endif()
if(SKYWEAVE_BUILD_TESTS)
  list(APPEND SKYWEAVE_QT_COMPONENTS Test)
endif()
find_package(Qt6 6.4 REQUIRED COMPONENTS ${SKYWEAVE_QT_COMPONENTS})

find_package(OpenCV 4.5 REQUIRED COMPONENTS core imgproc imgcodecs video calib3d features2d optflow)

pkg_check_modules(CFITSIO REQUIRED IMPORTED_TARGET cfitsio)
pkg_check_modules(WCSLIB REQUIRED IMPORTED_TARGET wcslib)
pkg_check_modules(LIBAV REQUIRED IMPORTED_TARGET libavcodec libavformat libavutil libswscale)
# zlib: CRCs of PNG chunks before a frame is handed to libavcodec's decoder.
find_package(ZLIB REQUIRED)

if(SKYWEAVE_BUILD_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
