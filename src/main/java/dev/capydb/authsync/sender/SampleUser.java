package dev.capydb.authsync.sender;

/** Who a sample event is about. */
record SampleUser(String id, String email, String name) {

    String firstName() {
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }

    String lastName() {
        int space = name.indexOf(' ');
        return space < 0 ? "" : name.substring(space + 1);
    }
}
