package dev.tripline.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Equality and hashing of accounts, which keep their folded parts and hash once made (the rules index by account). */
class AccountTest {

    @Test
    void equalityIgnoresTheCaseOfNameAndDomainButNotTheSid() {
        Account a = new Account("CORP", "Alice", "s-1-5-21-1");
        assertThat(a).isEqualTo(new Account("corp", "ALICE", "S-1-5-21-1"));
        assertThat(a).hasSameHashCodeAs(new Account("corp", "ALICE", "S-1-5-21-1"));
        assertThat(a).isNotEqualTo(new Account("CORP", "Alice", "S-1-5-21-2"));
        assertThat(a).isNotEqualTo(new Account("OTHER", "Alice", "S-1-5-21-1"));
        assertThat(a).isNotEqualTo(new Account("CORP", "Bob", "S-1-5-21-1"));
        assertThat(new Account(null, "Alice", null)).isNotEqualTo(new Account("CORP", "Alice", null));
        assertThat(Account.unknown()).isEqualTo(new Account("-", " ", null));
    }

    @Test
    void theHashIsThatOfTheFoldedPartsWhateverWasAskedFirst() {
        Account fresh = new Account("Corp", "Svc_Backup", null);
        assertThat(fresh.hashCode()).isEqualTo(Objects.hash("corp", "svc_backup", null));
        Account lowerFirst = new Account("Corp", "Svc_Backup", null);
        assertThat(lowerFirst.getNameLower()).isEqualTo("svc_backup");
        assertThat(lowerFirst.getDomainLower()).isEqualTo("corp");
        assertThat(lowerFirst.hashCode()).isEqualTo(fresh.hashCode());
        assertThat(Account.unknown().getNameLower()).isEmpty();
        assertThat(Account.unknown().hashCode()).isEqualTo(Objects.hash(null, null, null));
    }

    @Test
    void foldingIsTheRootLocaleLowerCaseBeyondAscii() {
        String name = "\u0130STANBUL-\u00C9T\u00C9"; // dotted capital I: two chars in lower case
        Account a = new Account("D\u00D6M", name, null);
        assertThat(a.getNameLower()).isEqualTo(name.toLowerCase(Locale.ROOT));
        assertThat(a).isEqualTo(new Account("d\u00F6m", name.toLowerCase(Locale.ROOT), null));
        assertThat(a.hashCode()).isEqualTo(Objects.hash("d\u00F6m", name.toLowerCase(Locale.ROOT), null));
    }

    @Test
    void aDeserializedAccountFoldsAndHashesAgain() throws Exception {
        Account a = new Account("CORP", "Alice", null);
        int hash = a.hashCode(); // made and kept before writing; transient, so not written
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(a);
        }
        Account back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (Account) in.readObject();
        }
        assertThat(back).isEqualTo(a);
        assertThat(back.hashCode()).isEqualTo(hash);
        assertThat(back.getNameLower()).isEqualTo("alice");
    }
}
