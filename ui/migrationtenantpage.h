#pragma once

#include "models/domain/tenant.h"

#include <QWizardPage>

#include <optional>

class QLabel;

namespace tc::ui {

class MigrationWizard;
class TenantPicker;

// A wizard page that chooses one tenant with a TenantPicker (search over the whole hierarchy),
// showing the choice as a full path. The source and target pages differ in what they refuse
// (veto()) and where the choice goes (chosen()/setChosen()).
class MigrationTenantPage : public QWizardPage
{
    Q_OBJECT

public:
    TenantPicker *picker() const { return m_picker; }
    bool isComplete() const override;
    void initializePage() override;

protected:
    MigrationTenantPage(MigrationWizard *wizard, const QString &pickerName);

    // Why `match` can't be chosen here (the row is disabled with this tooltip); empty if it can.
    virtual QString veto(const TenantMatch &match) const = 0;
    // The draft's current choice for this page, and storing a new one.
    virtual std::optional<TenantMatch> chosen() const = 0;
    virtual void setChosen(const std::optional<TenantMatch> &match) = 0;
    // "Source: <b>acme / eu</b>" for the current choice.
    virtual QString choiceText(const TenantMatch &match) const = 0;

    MigrationWizard *migrationWizard() const { return m_wizard; }

private:
    void onChoiceChanged();
    void showChoice();

    MigrationWizard *m_wizard = nullptr;
    TenantPicker *m_picker = nullptr;
    QLabel *m_choice = nullptr;
    bool m_started = false;
};

} // namespace tc::ui
