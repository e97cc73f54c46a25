#include "common/CancelToken.h"

#include "common/Errors.h"

namespace skyweave {

void CancelToken::throwIfCancelled() const {
    if (isCancelled()) throw CancelledError();
}

}  // namespace skyweave
