#include "PixelReadout.h"

#include <QObject>
#include <QStringList>
#include <cmath>
#include <exception>
#include <opencv2/core.hpp>

#include "track/Wcs.h"

namespace skyweave::gui {

namespace {

QString valueText(const cv::Mat& image, int x, int y) {
    cv::Mat pixel;
    image(cv::Rect(x, y, 1, 1)).convertTo(pixel, CV_64F);
    const double* v = pixel.ptr<double>();
    if (image.channels() == 1) return QString::number(v[0], 'g', 7);
    QStringList parts;
    for (int c = 0; c < image.channels(); ++c) parts << QString::number(v[c], 'g', 5);
    return parts.join(QLatin1Char('/'));
}

}  // namespace

QString PixelReadout::formatRa(double raDeg) {
    double hours = std::fmod(raDeg / 15.0 + 24.0, 24.0);
    const int h = static_cast<int>(hours);
    const double minutes = (hours - h) * 60.0;
    const int m = static_cast<int>(minutes);
    const double s = (minutes - m) * 60.0;
    return QStringLiteral("%1h%2m%3s").arg(h, 2, 10, QLatin1Char('0')).arg(m, 2, 10, QLatin1Char('0')).arg(s, 5, 'f', 2, QLatin1Char('0'));
}

QString PixelReadout::formatDec(double decDeg) {
    const QChar sign = decDeg < 0 ? QLatin1Char('-') : QLatin1Char('+');
    const double a = std::abs(decDeg);
    const int d = static_cast<int>(a);
    const double minutes = (a - d) * 60.0;
    const int m = static_cast<int>(minutes);
    const double s = (minutes - m) * 60.0;
    return QStringLiteral("%1%2°%3′%4″").arg(sign).arg(d, 2, 10, QLatin1Char('0')).arg(m, 2, 10, QLatin1Char('0')).arg(s, 4, 'f', 1, QLatin1Char('0'));
}

QString PixelReadout::text(const cv::Mat& image, QPointF imagePos, const track::Wcs* wcs) {
    if (image.empty()) return {};
    const int x = static_cast<int>(std::floor(imagePos.x() + 0.5));
    const int y = static_cast<int>(std::floor(imagePos.y() + 0.5));
    if (x < 0 || y < 0 || x >= image.cols || y >= image.rows) return {};
    QString line = QObject::tr("x %1  y %2  value %3").arg(x).arg(y).arg(valueText(image, x, y));
    if (wcs) {
        try {
            const auto sky = wcs->pixelToWorld(x, y);
            line += QObject::tr("  RA %1  Dec %2").arg(formatRa(sky.raDeg), formatDec(sky.decDeg));
        } catch (const std::exception&) {
            // A pixel without a sky position (outside the projection): no RA/Dec for it.
        }
    }
    return line;
}

}  // namespace skyweave::gui
