"""Officers keeping draft policies: the list, a policy, its versions, comparing them, opening a
version to panels and answering its comments."""
