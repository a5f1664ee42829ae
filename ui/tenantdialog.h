#pragma once

#include "models/domain/error.h"
#include "models/domain/tenant.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace tc::ui {

// "New tenant", "New sub-tenant of X" and "Edit tenant" in one form. It validates as the
// operator types and hands out a TenantDraft or TenantEdit; it never talks to a store. The
// caller saves on submitted(), keeps the dialog open (setBusy, showError) until that worked,
// and then accepts it.
class TenantDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { NewTenant, NewSubTenant, Edit };

    explicit TenantDialog(Mode mode, QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    // NewSubTenant, and Edit of a sub-tenant: where it goes, and the features it would inherit
    // (the parent's effective features).
    void setParentTenant(const Tenant &parent, const QString &parentPath, const QStringList &inheritableFeatures);
    // Edit: the tenant as read (its version is what the edit is checked against). Replaces
    // whatever was typed, so it also serves for "Reload" after a conflict.
    void setTenant(const Tenant &tenant);
    // After a conflict: takes `theirs` as the tenant the edit is made against and keeps the
    // operator's own changes on top, saying what the other session changed.
    void rebase(const Tenant &theirs);
    const Tenant &tenant() const { return m_tenant; }

    // Puts the cursor in the slug (rename) or the display name.
    void focusSlug();
    void focusDisplayName();

    TenantDraft draft() const;
    // Only what differs from the tenant as read; nothing else is sent.
    TenantEdit edit() const;
    bool isAcceptable() const;

    void setBusy(bool busy);
    // Shows why saving failed; a Conflict offers "Reload" (reloadRequested).
    void showError(const Error &error);
    void clearError();

    // Translated name of a platform feature ("semantic_search" -> "Semantic search").
    static QString featureDisplayName(const QString &key);

Q_SIGNALS:
    // OK with valid input: the caller saves.
    void submitted();
    // After a conflict: the caller reads the tenant again and calls setTenant().
    void reloadRequested();

private:
    void validate();
    void updateInheritedText();
    void updateQuotaChoiceText();
    void fitFeatureList();
    TenantSettings settings() const;
    QString slugProblem(const QString &slug) const;
    QString displayNameProblem(const QString &name) const;

    Mode m_mode = Mode::NewTenant;
    Tenant m_tenant;       // Edit: as read
    Tenant m_parent;       // sub-tenants: the parent
    QStringList m_inheritable;
    bool m_hasParent = false;
    bool m_slugTouched = false;
    bool m_nameTouched = false;
    bool m_busy = false;

    QLabel *m_intro = nullptr;
    QLineEdit *m_slug = nullptr;
    QLineEdit *m_displayName = nullptr;
    QComboBox *m_tier = nullptr;
    QListWidget *m_features = nullptr;
    QCheckBox *m_inherit = nullptr;
    QLabel *m_inherited = nullptr;
    QSpinBox *m_retention = nullptr;
    QCheckBox *m_preventDeletion = nullptr;
    QRadioButton *m_quotasPreset = nullptr;
    QRadioButton *m_quotasInherit = nullptr;
    QLabel *m_validation = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_reload = nullptr;
    QProgressBar *m_busyBar = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace tc::ui
