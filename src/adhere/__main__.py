from adhere.cli import main

main()
