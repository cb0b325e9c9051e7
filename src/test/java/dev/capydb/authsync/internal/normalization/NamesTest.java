package dev.capydb.authsync.internal.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

    @ParameterizedTest(name = "[{0}] -> [{1}] [{2}]")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "Ada Lovelace                | Ada     | Lovelace",
        "Ada                         | Ada     | NULL",
        "'  Ada   Lovelace  '        | Ada     | Lovelace",
        "Ada King Lovelace           | Ada     | King Lovelace",
        "'Ada  King   Lovelace'      | Ada     | King   Lovelace",
        "'Ada\tLovelace'             | Ada     | Lovelace",
        "'José\u00A0María' | José\u00A0María | NULL",
        "'Zoë Åsa Ødegård'           | Zoë     | Åsa Ødegård",
        "'李 小龍'                    | 李      | 小龍",
        "''                          | NULL    | NULL",
        "'   '                       | NULL    | NULL",
        "NULL                        | NULL    | NULL",
    })
    void splitsOnWhitespaceFirstTokenAndRemainder(String name, String first, String last) {
        assertEquals(new Names(first, last), Names.split(name));
    }
}
