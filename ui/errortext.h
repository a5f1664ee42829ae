#pragma once

#include "models/domain/error.h"

#include <QString>

namespace tc::ui {

// The one place an Error becomes words for a person: a translated sentence saying what is
// wrong and what to do. `detail` (the server's text) is shown separately, never instead.
QString errorTitle(const Error &error);
QString errorText(const Error &error);

} // namespace tc::ui
