package dev.tenantwave.cli.topics;

import picocli.CommandLine.Command;

@Command(name = "topics",
    description = "List, create and read Tenantwave's Kafka topics, and grant its principals their access.",
    subcommands = {ListTopicsCommand.class, CreateTopicsCommand.class, GrantAccessCommand.class,
        TailCommand.class})
public class TopicsCommand {}
