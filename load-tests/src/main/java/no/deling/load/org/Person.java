package no.deling.load.org;

/** An employee as the identity provider would describe them (the token's claims). */
public record Person(String id, String name, String department, String location, String title) {}
