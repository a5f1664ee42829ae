#pragma once

#include "models/domain/result.h"

#include <QFuture>

namespace tc::test {

// Blocks until a store call has finished (store futures finish on worker threads, so this
// needs no event loop) and returns its result.
template<typename T>
Result<T> await(QFuture<Result<T>> future)
{
    future.waitForFinished();
    return future.result();
}

} // namespace tc::test
