#include "memory/BufferPool.h"

#include <algorithm>
#include <unordered_set>

#include "memory/MemoryLog.h"
#include "memory/MemoryStats.h"

namespace skyweave {

namespace {

/// Live pools, for clearAll(). A pool adds itself in its constructor and leaves in its destructor.
struct Registry {
    std::mutex mutex;
    std::unordered_set<BufferPool*> pools;
};

Registry& registry() {
    static Registry r;  // never destroyed before the pools of static lifetime that use it
    return r;
}

std::uint64_t matBytes(const cv::Mat& m) {
    return static_cast<std::uint64_t>(m.total()) * m.elemSize();
}

}  // namespace

BufferPool::BufferPool(std::size_t maxBuffers, std::string name)
    : maxBuffers_(maxBuffers), name_(std::move(name)) {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    r.pools.insert(this);
}

BufferPool::~BufferPool() {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    r.pools.erase(this);
}

cv::Mat BufferPool::acquire(int rows, int cols, int cvType) {
    {
        std::lock_guard lock(mutex_);
        const auto match = std::find_if(kept_.rbegin(), kept_.rend(), [&](const cv::Mat& m) {
            return m.rows == rows && m.cols == cols && m.type() == cvType;
        });
        if (match != kept_.rend()) {
            cv::Mat m = std::move(*match);
            kept_.erase(std::next(match).base());
            ++hits_;
            return m;
        }
        ++misses_;
    }
    return cv::Mat(rows, cols, cvType);  // allocate outside the lock
}

void BufferPool::release(cv::Mat&& mat) {
    // A view (ROI) or a buffer someone else still holds must not be handed out again: writes through
    // the next acquire() would show up in the other holder's image.
    const bool soleOwner = mat.u != nullptr && mat.u->refcount == 1 && mat.isContinuous() && mat.dims == 2 &&
                           mat.datastart == mat.data && mat.dataend == mat.datastart + matBytes(mat);
    if (!soleOwner) return;
    std::lock_guard lock(mutex_);
    if (kept_.size() < maxBuffers_) kept_.push_back(std::move(mat));
}

std::uint64_t BufferPool::clear() {
    std::vector<cv::Mat> dropped;
    std::uint64_t bytes = 0;
    {
        std::lock_guard lock(mutex_);
        dropped.swap(kept_);
    }
    for (const cv::Mat& m : dropped) bytes += matBytes(m);
    return bytes;  // `dropped` frees the buffers here, outside the lock
}

BufferPool::Stats BufferPool::stats() const {
    std::lock_guard lock(mutex_);
    Stats s{hits_, misses_, kept_.size(), 0};
    for (const cv::Mat& m : kept_) s.keptBytes += matBytes(m);
    return s;
}

std::uint64_t BufferPool::clearAll() {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    std::uint64_t bytes = 0;
    for (BufferPool* pool : r.pools) bytes += pool->clear();
    if (bytes > 0) {
        qCInfo(lcMemory).noquote() << QStringLiteral("released %1 MB held by buffer pools")
                                          .arg(static_cast<double>(bytes) / kBytesPerMb, 0, 'f', 1);
    }
    return bytes;
}

}  // namespace skyweave
