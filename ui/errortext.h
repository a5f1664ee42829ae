#pragma once

#include "models/domain/error.h"

#include <QString>

namespace tc::ui {

// The one place an Error becomes words for a person: a translated sentence saying what is
// wrong and what to do. `detail` (the server's text) is shown separately, never instead.
QString errorTitle(const Error &error);
QString errorText(const Error &error);
// The same for a failed read of usage history, which may come from a Prometheus server
// rather than the database: the sentence names the server that failed.
QString usageErrorText(const Error &error, bool fromPrometheus);
// The style sheet of the red banner dialogs put errors in (a QLabel).
QString errorBannerStyle();

} // namespace tc::ui
