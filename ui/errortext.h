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
// One line for a banner: the store's own sentence for refused input and limits (it names the
// rule), else "Title. What to do."
QString errorSummary(const Error &error);
// The style sheet of the red banner dialogs put errors in (a QLabel).
QString errorBannerStyle();

} // namespace tc::ui
