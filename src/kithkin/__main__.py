from kithkin.cli.main import main

main()
