#pragma once

#include "models/domain/error.h"

#include <QString>

#include <optional>

namespace tc {

// The naming rules of DESIGN.md; the schema's CHECK constraints say the same.
constexpr int kSlugMaxLength = 255;
constexpr int kDisplayNameMaxLength = 200;
constexpr int kMaxDepth = 8; // a top-level tenant has depth 1

// nullopt when valid, otherwise a Validation error naming the rule that was broken.
std::optional<Error> validateSlug(const QString &slug);
std::optional<Error> validateDisplayName(const QString &name);

// Escapes % _ and \ so user text can be bound into a LIKE pattern as a literal substring.
QString likeEscaped(const QString &text);

} // namespace tc
