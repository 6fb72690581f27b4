from kithkin.cli.commands import main

main()
