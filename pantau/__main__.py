from pantau.cli.main import main

main()
