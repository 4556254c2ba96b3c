package dev.tenantwave.cli.topics;

import picocli.CommandLine.Command;

@Command(name = "topics", description = "List and read Tenantwave's Kafka topics.",
    subcommands = {ListTopicsCommand.class, CreateTopicsCommand.class, TailCommand.class})
public class TopicsCommand {}
