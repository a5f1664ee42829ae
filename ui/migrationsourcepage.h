#pragma once

#include "ui/migrationtenantpage.h"

namespace tc::ui {

// Step 1: the tenant whose data moves. Deleted (and purged) tenants are refused: restore one
// first. The tree's selection comes preselected.
class MigrationSourcePage : public MigrationTenantPage
{
    Q_OBJECT

public:
    explicit MigrationSourcePage(MigrationWizard *wizard);

protected:
    QString veto(const TenantMatch &match) const override;
    std::optional<TenantMatch> chosen() const override;
    void setChosen(const std::optional<TenantMatch> &match) override;
    QString choiceText(const TenantMatch &match) const override;
};

} // namespace tc::ui
