#pragma once

#include "ui/migrationtenantpage.h"

namespace tc::ui {

// Step 2: the tenant that receives the data. Refuses the source itself and any tenant that is
// not active (suspended, archived and deleted tenants take no writes); the database checks
// the same when the job is created and before every batch.
class MigrationTargetPage : public MigrationTenantPage
{
    Q_OBJECT

public:
    explicit MigrationTargetPage(MigrationWizard *wizard);

protected:
    QString veto(const TenantMatch &match) const override;
    std::optional<TenantMatch> chosen() const override;
    void setChosen(const std::optional<TenantMatch> &match) override;
    QString choiceText(const TenantMatch &match) const override;
};

} // namespace tc::ui
