package dev.tripline.model;

/** A qualified name Windows gives LOCAL_SYSTEM in some language ({@code NT AUTHORITY\SYSTEM}, {@code AUTORITE NT\Système}). */
public final class LocalSystemName {
    private final String qualifiedName;
    private final String folded; // tested against the account of every finding: folded once, not per test

    public LocalSystemName(String qualifiedName) {
        this.qualifiedName = qualifiedName;
        this.folded = Text.fold(qualifiedName);
    }

    public boolean matches(Account a) { return a != null && a.getName() != null && Text.fold(a.display()).equals(folded); }

    public String getQualifiedName() { return qualifiedName; }

    @Override public String toString() { return "LocalSystemName[" + qualifiedName + "]"; }
}
