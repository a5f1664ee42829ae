<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <source>Administration console for tenants.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect at start with this libpq connection string.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::TenantTreeModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items (used / limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage (used / limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Professional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui</name>
    <message>
        <source>Connection problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not permitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection settings are not valid. Check them and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the database server. Check the host and port, and that PostgreSQL is running and accepts connections from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the user name or password. Check them and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the server was lost. It is re-opened on the next action; a change that was being saved may or may not have been saved, so reload before trying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database has no Tenant Console schema yet. Ask the database owner to run &quot;tenantctl db migrate&quot;, or connect as the owner to set it up from here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database needs a schema upgrade before the console can use it. Ask the database owner to run &quot;tenantctl db migrate&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database was upgraded by a newer release of Tenant Console. Install the newer release to use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The item no longer exists; another session may have removed it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your database role does not allow this. Ask an administrator for the operator role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else changed this at the same time. Reload and try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::ConnectDialog</name>
    <message>
        <source>Connect to a tenant database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>localhost or a socket directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host name, IP address, or the directory of a local PostgreSQL socket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP port of the PostgreSQL server (5432 by default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tenant_console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your database login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used for this connection only; it is not written to disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default (prefer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS mode; use verify-full for servers reached over a network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;TLS:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host=... port=... dbname=... user=...  or  postgresql://...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A libpq connection string. When given, it is used instead of the fields above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or a connection string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::MainWindow</name>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auditor (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform app role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tenancy role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a tenant database (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the tenant tree from the server (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find Tenant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Tenant Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Tenant Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Tenant Console %1&lt;/h3&gt;&lt;p&gt;Administration of tenants, quotas, usage and lifecycle for a multi-tenant platform.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database %1 has no Tenant Console schema yet. Create it now (schema version %2)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database %1 is at schema version %2; this console needs version %3. Apply the pending migrations now? Other consoles connected to it keep working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying schema migrations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Tenant Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asks for a password. Enter it and connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected. Use File › Connect… (Ctrl+O) to open a tenant database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL %1, logged in as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may change tenants; the database checks every change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: the database refuses changes from this login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Updates paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes made by other sessions appear within a second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not listening for changes from other sessions; press F5 to reload.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::TenantDetailsPane</name>
    <message>
        <source>Select a tenant to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slug:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sub-tenants:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last changed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In this state since:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data purged after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention after delete:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletion protection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usage reported yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 (%3 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nearing the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-level tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (version %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data kept %1 days after deletion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On: this tenant cannot be deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inherited from the parent tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No optional features enabled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::TenantTreePanel</name>
    <message>
        <source>Filter by name or slug (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searches the whole hierarchy on the server; matching tenants are shown with the way to them expanded. Esc clears.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tenant matches &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the first %1 matches; type more to narrow the search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching tenants: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
