#pragma once

#include "models/domain/error.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

namespace tc::detail {

// Delivers a store result to a model through its event loop, always: a continuation on a
// future that is already finished would otherwise run inside the call that started it, and
// views (and QAbstractItemModelTester) must never see rows change while they are still
// calling the model. The watcher is the context's child, so a result that arrives after the
// model is gone is simply dropped. T is a Result<...>.
template<typename T, typename Handler>
void deliver(QFuture<T> future, QObject *context, Handler handler)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, handler = std::move(handler)]() mutable {
        watcher->deleteLater();
        if (watcher->isCanceled() || watcher->future().resultCount() == 0)
            handler(T(Error{ErrorKind::Cancelled, QStringLiteral("The request was cancelled.")}));
        else
            handler(watcher->result());
    });
    watcher->setFuture(future);
}

} // namespace tc::detail
