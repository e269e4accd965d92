from curated_net.cli.app import main

main()
