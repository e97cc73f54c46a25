#include "track/Wcs.h"

#include <wcslib/wcs.h>
#include <wcslib/wcserr.h>
#include <wcslib/wcsfix.h>
#include <wcslib/wcshdr.h>
#include <wcslib/wcsutil.h>

#include <cmath>
#include <mutex>
#include <numbers>
#include <vector>

#include "common/Errors.h"
#include "fits/HeaderCards.h"

namespace skyweave::track {
namespace {

/// wcslib's error-message switch is process-wide; enable it once (it only adds detail to messages).
void enableWcsErrors() {
    static std::once_flag once;
    std::call_once(once, [] { wcserr_enable(1); });
}

/// wcspih's header scanner is not documented as reentrant in every wcslib release we build on.
std::mutex& parserMutex() {
    static std::mutex m;
    return m;
}

std::string statusText(const wcsprm* w, int status) {
    if (w != nullptr && w->err != nullptr && w->err->msg[0] != '\0') return w->err->msg;
    if (status > 0 && status < WCSERR_BAD_WORLD_COORD + 1) return wcs_errmsg[status];
    return "wcslib status " + std::to_string(status);
}

}  // namespace

struct Wcs::Impl {
    wcsprm* all = nullptr;  // the array wcspih allocated
    int count = 0;
    wcsprm* wcs = nullptr;  // the chosen element of `all`
    mutable std::mutex mutex;

    ~Impl() {
        if (all != nullptr) wcsvfree(&count, &all);
    }
    [[nodiscard]] int naxis() const { return wcs->naxis; }
};

Wcs::Wcs(std::unique_ptr<Impl> impl, std::string source)
    : impl_(std::move(impl)), source_(std::move(source)) {}
Wcs::Wcs(Wcs&&) noexcept = default;
Wcs& Wcs::operator=(Wcs&&) noexcept = default;
Wcs::~Wcs() = default;

Wcs Wcs::fromHeader(const fits::HeaderCards& header, const std::string& source) {
    enableWcsErrors();
    if (!header.contains("CTYPE1") || !header.contains("CTYPE2"))
        throw SkyweaveError(
            ErrorKind::BadInput,
            source + ": no WCS in the header (CTYPE1/CTYPE2 missing; plate-solve the frame first)");
    // wcslib quietly takes 0 for a missing CRPIX/CRVAL, which would put the frame somewhere else.
    for (const char* key : {"CRPIX1", "CRPIX2", "CRVAL1", "CRVAL2"})
        if (!header.contains(key))
            throw SkyweaveError(ErrorKind::BadInput,
                                source + ": broken WCS: " + key + " missing (CTYPE1/CTYPE2 are set, so " +
                                    (key[2] == 'P' ? "the reference pixel" : "the reference sky position") +
                                    " must be too)");
    auto impl = std::make_unique<Impl>();
    std::string cards = header.cards();  // wcspih may write into the buffer
    int nreject = 0;
    int status = 0;
    {
        const std::lock_guard lock(parserMutex());
        status = wcspih(cards.data(), static_cast<int>(header.cardCount()), WCSHDR_all, 0, &nreject,
                        &impl->count, &impl->all);
    }
    if (status != 0 || impl->count == 0 || impl->all == nullptr)
        throw SkyweaveError(ErrorKind::BadInput, source + ": cannot parse the WCS keywords (wcslib status " +
                                                     std::to_string(status) + ")");
    for (int i = 0; i < impl->count; ++i) {
        if (impl->all[i].alt[0] == ' ' || impl->all[i].alt[0] == '\0') impl->wcs = &impl->all[i];
    }
    if (impl->wcs == nullptr) impl->wcs = &impl->all[0];
    wcsprm* w = impl->wcs;

    // Repair common non-standard spellings (CD without CDELT, old date keywords, unit case). A fix
    // that fails is not fatal here: anything still wrong makes wcsset() fail with a message below.
    // wcsfixi(), not wcsfix(): wcsfix() loses datfix()'s informational message ("Set MJD-OBS to …
    // from DATE-OBS") without freeing it (a leak per frame in wcslib 7.12); wcsfixi() hands every
    // message over, and their texts are freed here.
    int fixStat[NWCSFIX] = {};
    wcserr fixInfo[NWCSFIX] = {};
    wcsfixi(1, nullptr, w, fixStat, fixInfo);
    for (auto& info : fixInfo) wcsdealloc(info.msg);

    if ((status = wcsset(w)) != 0)
        throw SkyweaveError(ErrorKind::BadInput, source + ": broken WCS: " + statusText(w, status));
    if (w->naxis < 2 || w->lng < 0 || w->lat < 0)
        throw SkyweaveError(ErrorKind::BadInput, source + ": the WCS is not celestial (CTYPE1 = '" +
                                                     std::string(w->ctype[0]) + "', CTYPE2 = '" +
                                                     std::string(w->ctype[1]) +
                                                     "'; need RA/DEC axes such as RA---TAN)");
    if (w->lng > 1 || w->lat > 1)
        throw SkyweaveError(ErrorKind::BadInput,
                            source + ": the celestial WCS axes are not the two image axes");
    Wcs result(std::move(impl), source);
    // Evaluate both ways at the reference point: wcslib accepts a singular matrix in wcsset() and
    // only fails when it needs the inverse, which would otherwise surface mid-stack.
    try {
        const SkyPosition centre = result.pixelToWorld(w->crpix[0] - 1.0, w->crpix[1] - 1.0);
        (void)result.worldToPixel(centre);
    } catch (const SkyweaveError&) {
        throw SkyweaveError(
            ErrorKind::BadInput,
            source + ": broken WCS (cannot map its own reference point; singular CD/PC matrix?)");
    }
    return result;
}

std::array<double, 2> Wcs::worldToPixel(const SkyPosition& sky) const {
    const std::lock_guard lock(impl_->mutex);
    wcsprm* w = impl_->wcs;
    const auto n = static_cast<std::size_t>(w->naxis);
    std::vector<double> world(n, 0.0), img(n), pix(n);
    for (std::size_t k = 0; k < n; ++k)
        world[k] = w->crval[k];  // extra axes (e.g. a cube) at their reference
    world[static_cast<std::size_t>(w->lng)] = sky.raDeg;
    world[static_cast<std::size_t>(w->lat)] = sky.decDeg;
    double phi = 0, theta = 0;
    int stat = 0;
    const int status = wcss2p(w, 1, w->naxis, world.data(), &phi, &theta, img.data(), pix.data(), &stat);
    if (status != 0 || stat != 0 || !std::isfinite(pix[0]) || !std::isfinite(pix[1]))
        throw SkyweaveError(ErrorKind::BadInput, source_ + ": RA " + std::to_string(sky.raDeg) + "°, Dec " +
                                                     std::to_string(sky.decDeg) +
                                                     "° has no pixel position in this WCS (" +
                                                     statusText(w, status) + ")");
    return {pix[0] - 1.0, pix[1] - 1.0};
}

SkyPosition Wcs::pixelToWorld(double x, double y) const {
    const std::lock_guard lock(impl_->mutex);
    wcsprm* w = impl_->wcs;
    const auto n = static_cast<std::size_t>(w->naxis);
    std::vector<double> pix(n, 1.0), img(n), world(n);
    pix[0] = x + 1.0;
    pix[1] = y + 1.0;
    double phi = 0, theta = 0;
    int stat = 0;
    const int status = wcsp2s(w, 1, w->naxis, pix.data(), img.data(), &phi, &theta, world.data(), &stat);
    const double ra = world[static_cast<std::size_t>(w->lng)], dec = world[static_cast<std::size_t>(w->lat)];
    if (status != 0 || stat != 0 || !std::isfinite(ra) || !std::isfinite(dec))
        throw SkyweaveError(ErrorKind::BadInput,
                            source_ + ": pixel (" + std::to_string(x) + ", " + std::to_string(y) +
                                ") has no sky position in this WCS (" + statusText(w, status) + ")");
    return {wrapDegrees360(ra), dec};
}

double Wcs::pixelScaleArcsec(double x, double y) const {
    // Finite differences of one pixel on the tangent plane about (x, y).
    const SkyPosition c = pixelToWorld(x, y);
    const SkyPosition px = pixelToWorld(x + 1.0, y), py = pixelToWorld(x, y + 1.0);
    const double cosDec = std::cos(c.decDeg * std::numbers::pi / 180.0);
    auto delta = [&](const SkyPosition& p) {
        double dra = p.raDeg - c.raDeg;
        if (dra > 180.0) dra -= 360.0;
        if (dra < -180.0) dra += 360.0;
        return std::array<double, 2>{dra * cosDec * 3600.0, (p.decDeg - c.decDeg) * 3600.0};
    };
    const auto dx = delta(px), dy = delta(py);
    return std::sqrt(std::abs(dx[0] * dy[1] - dx[1] * dy[0]));
}

std::string Wcs::projectionCode() const {
    const std::lock_guard lock(impl_->mutex);
    const std::string ctype = impl_->wcs->ctype[impl_->wcs->lng];
    return ctype.size() >= 8 ? ctype.substr(5, 3) : std::string();
}

bool Wcs::hasDistortion() const {
    const std::lock_guard lock(impl_->mutex);
    return impl_->wcs->lin.dispre != nullptr || impl_->wcs->lin.disseq != nullptr;
}

}  // namespace skyweave::track
